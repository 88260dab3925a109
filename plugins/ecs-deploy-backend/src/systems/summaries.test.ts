import { codeDeploySummary } from './codeDeploy/summary';
import { ecsSummary } from './ecsNative/summary';
import { pipelineSummary } from './pipeline/summary';

const appspec = (td: string) =>
  JSON.stringify({
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: td },
        },
      },
    ],
  });

describe('history mapping', () => {
  it('maps a rolled back CodeDeploy deployment with revisions and errors', () => {
    const s = codeDeploySummary('prod', {
      deploymentId: 'd-ABC123',
      status: 'Stopped',
      creator: 'user',
      createTime: new Date('2026-01-01T10:00:00Z'),
      completeTime: new Date('2026-01-01T10:07:30Z'),
      revision: {
        appSpecContent: {
          content: appspec(
            'arn:aws:ecs:eu-west-1:1:task-definition/payments-api:12',
          ),
        },
      },
      previousRevision: {
        appSpecContent: { content: 'TaskDefinition: "payments-api:11"' },
      },
      rollbackInfo: {
        rollbackDeploymentId: 'd-ROLL1',
        rollbackMessage: 'Alarm fired',
      },
      errorInformation: { code: 'ALARM_ACTIVE', message: 'Alarm 5xx fired' },
    });
    expect(s).toMatchObject({
      id: 'codedeploy:d-ABC123',
      status: 'ROLLED_BACK',
      awsStatus: 'Stopped',
      durationMs: 450_000,
      trigger: { kind: 'user' },
      taskDefinitionFrom: { family: 'payments-api', revision: 11 },
      taskDefinitionTo: { family: 'payments-api', revision: 12 },
      rollback: {
        rolledBack: true,
        byDeploymentId: 'codedeploy:d-ROLL1',
        message: 'Alarm fired',
      },
      errorMessage: 'Alarm 5xx fired',
    });
  });

  it('marks CodeDeploy rollbacks as rollback-triggered and drops the end of moving ones', () => {
    const s = codeDeploySummary('prod', {
      deploymentId: 'd-ROLL1',
      status: 'InProgress',
      creator: 'codeDeployRollback',
      createTime: new Date('2026-01-01T10:05:00Z'),
      completeTime: new Date('2026-01-01T10:06:00Z'),
      rollbackInfo: { rollbackTriggeringDeploymentId: 'd-ABC123' },
    });
    expect(s.trigger.kind).toBe('rollback');
    expect(s.rollback).toEqual({
      rolledBack: false,
      ofDeploymentId: 'codedeploy:d-ABC123',
    });
    expect(s.endedAt).toBeUndefined();
    expect(s.durationMs).toBeUndefined();
  });

  it('maps an ECS service deployment waiting at a pause hook, with images', () => {
    const target = 'arn:aws:ecs:eu-west-1:1:service-revision/c/s/222';
    const s = ecsSummary(
      'dev',
      {
        serviceDeploymentArn:
          'arn:aws:ecs:eu-west-1:1:service-deployment/c/s/abc',
        status: 'IN_PROGRESS',
        lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
        lifecycleHookDetails: [{ hookId: 'h', status: 'AWAITING_ACTION' }],
        createdAt: new Date('2026-01-01T10:00:00Z'),
        targetServiceRevision: { arn: target },
        sourceServiceRevisions: [{ arn: 'rev-1' }],
      },
      {
        [target]: {
          taskDefinitionArn:
            'arn:aws:ecs:eu-west-1:1:task-definition/ledger-api:7',
          images: [
            {
              containerName: 'app',
              image: '1.dkr.ecr.eu-west-1.amazonaws.com/ledger-api:3f2a1bc',
              digest: 'sha256:abc',
            },
          ],
        },
        'rev-1': { taskDefinitionArn: 'ledger-api:6', images: [] },
      },
    );
    expect(s).toMatchObject({
      id: 'ecs:abc',
      status: 'WAITING',
      trigger: { imageTag: '3f2a1bc', imageDigest: 'sha256:abc' },
      taskDefinitionFrom: { revision: 6 },
      taskDefinitionTo: { family: 'ledger-api', revision: 7 },
    });
  });

  it('maps pipeline executions with commit, image and trigger', () => {
    const s = pipelineSummary(
      'prod',
      'payments-api-prod',
      {
        pipelineExecutionId: 'e-1',
        status: 'InProgress',
        startTime: new Date('2026-01-01T10:00:00Z'),
        trigger: {
          triggerType: 'CloudWatchEvent',
          triggerDetail: 'arn:aws:events:rule',
        },
        sourceRevisions: [
          {
            actionName: 'Image',
            revisionId: 'sha256:feed',
            revisionSummary: 'Image tag: 3f2a1bc',
          },
          { actionName: 'Source', revisionId: '3f2a1bc9d' },
        ],
      },
      true,
    );
    expect(s).toMatchObject({
      id: 'pipeline:e-1',
      status: 'WAITING',
      pipelineName: 'payments-api-prod',
      trigger: {
        kind: 'pipeline',
        imageDigest: 'sha256:feed',
        imageTag: '3f2a1bc',
        commitId: '3f2a1bc9d',
      },
    });
    expect(
      pipelineSummary(
        'prod',
        'p',
        {
          pipelineExecutionId: 'e-2',
          status: 'Succeeded',
          trigger: { triggerType: 'ManualRollback' },
        },
        false,
      ).trigger.kind,
    ).toBe('rollback');
  });
});
