import { summary } from '../../__fixtures__/data';
import {
  changeText,
  revisionText,
  shortId,
  startedByText,
  trafficOutcomeText,
} from './releaseText';

const td = (revision: number) => ({
  arn: `arn:aws:ecs:eu-west-1:1:task-definition/payments-api:${revision}`,
  family: 'payments-api',
  revision,
});

describe('release texts', () => {
  it('shortens ids to 8 characters of the AWS id', () => {
    expect(shortId('pipeline:67c5a91d-11e6-4fc6-84a2-000000000873')).toBe(
      '67c5a91d',
    );
    expect(shortId('codedeploy:d-4S8RX0T5H')).toBe('d-4S8RX0');
  });

  it("shows the app's commit before the infrastructure repository's, both when both exist", () => {
    const trigger = { kind: 'pipeline' as const, imageTag: 'staging' };
    expect(
      changeText(
        summary({
          id: 'pipeline:x',
          trigger: {
            ...trigger,
            appCommitId: '3ed9bd7c',
            commitId: 'a760535e',
          },
        }),
      ),
    ).toBe('image staging, app 3ed9bd7 · infra a760535');
    expect(
      changeText(
        summary({
          id: 'pipeline:x',
          trigger: { ...trigger, commitId: 'a760535e' },
        }),
      ),
    ).toBe('image staging, commit a760535');
    expect(
      changeText(summary({ id: 'ecs:x', trigger: { kind: 'user' } })),
    ).toBe('–');
  });

  it('takes a release’s revision from the deployment inside it', () => {
    const release = summary({
      id: 'pipeline:x',
      kind: 'pipeline',
      taskDefinitionFrom: undefined,
      taskDefinitionTo: undefined,
      deployments: [
        summary({
          id: 'codedeploy:d-1',
          taskDefinitionFrom: td(37),
          taskDefinitionTo: td(38),
        }),
      ],
    });
    expect(revisionText(release)).toBe('payments-api:37 → :38');
    expect(revisionText({ ...release, deployments: undefined })).toBe('–');
  });

  it('says who started a deployment no pipeline started', () => {
    expect(
      startedByText(
        summary({
          id: 'codedeploy:d-1',
          trigger: {
            kind: 'user',
            actor: 'arn:aws:sts::2:assumed-role/deployer/priya.patel',
          },
        }),
      ),
    ).toBe('by priya.patel');
    expect(
      startedByText(
        summary({
          id: 'codedeploy:d-2',
          trigger: { kind: 'rollback', actor: 'codeDeployRollback' },
          rollback: {
            rolledBack: false,
            ofDeploymentId: 'codedeploy:d-8DH3TW6OJ',
          },
        }),
      ),
    ).toBe('rollback of d-8DH3TW');
    expect(
      startedByText(
        summary({ id: 'ecs:x', kind: 'ecs', trigger: { kind: 'unknown' } }),
      ),
    ).toBe('outside a pipeline');
    expect(
      startedByText(
        summary({
          id: 'pipeline:x',
          kind: 'pipeline',
          pipelineName: 'payments-api-prod',
          trigger: { kind: 'pipeline', actor: 'arn:aws:events:r' },
        }),
      ),
    ).toBe('via payments-api-prod');
  });

  it('reads the traffic outcome from the status', () => {
    expect(
      trafficOutcomeText(summary({ id: 'codedeploy:d-1', status: 'WAITING' })),
    ).toBe('waiting to reroute traffic');
  });
});
