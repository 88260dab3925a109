import { summary } from '../../__fixtures__/data';
import { actorText, triggerText } from './HistoryTable';
import { actorName, ledgerText } from './ledgerText';
import { ledgerEntry } from '../../__fixtures__/data';

describe('triggerText', () => {
  it('names the commit and the pipeline', () => {
    expect(
      triggerText(
        summary({
          id: 'codedeploy:d-1',
          trigger: {
            kind: 'pipeline',
            commitId: 'f51544046f1d85e7',
            actor:
              'arn:aws:events:eu-west-1:1:rule/codepipeline-payments-api-prod',
          },
        }),
      ),
    ).toBe('commit f515440 via codepipeline-payments-api-prod');
  });

  it('names a person by the session of their assumed role', () => {
    expect(
      actorText(
        'arn:aws:sts::222222222222:assumed-role/backstage-ecs-deploy/priya.patel',
      ),
    ).toBe('priya.patel');
    expect(actorText('jane')).toBe('jane');
  });

  it('names what a rollback undid', () => {
    expect(
      triggerText(
        summary({
          id: 'codedeploy:d-2',
          trigger: { kind: 'rollback' },
          rollback: { rolledBack: false, ofDeploymentId: 'codedeploy:d-1' },
        }),
      ),
    ).toBe('rollback of codedeploy:d-1');
  });
});

describe('ledgerText', () => {
  it('says who acted and how it ended', () => {
    expect(actorName('user:default/guest')).toBe('guest');
    expect(ledgerText(ledgerEntry)).toBe('continued by guest');
    expect(
      ledgerText({
        ...ledgerEntry,
        action: 'approve',
        decision: 'Rejected',
        status: 'failed',
      }),
    ).toBe('rejected by guest (failed)');
  });
});
