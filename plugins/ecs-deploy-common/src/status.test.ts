import {
  formatDeploymentId,
  fromCodeDeployStatus,
  fromEcsServiceDeploymentStatus,
  fromPipelineStatus,
  isActiveStatus,
  parseDeploymentId,
} from './status';

describe('status mapping', () => {
  it('maps CodeDeploy statuses, with rollbacks', () => {
    expect(fromCodeDeployStatus('Ready')).toBe('WAITING');
    expect(fromCodeDeployStatus('Baking')).toBe('BAKING');
    expect(fromCodeDeployStatus('Failed')).toBe('FAILED');
    expect(fromCodeDeployStatus('Failed', { rolledBack: true })).toBe(
      'ROLLED_BACK',
    );
    expect(fromCodeDeployStatus('Stopped')).toBe('STOPPED');
    expect(fromCodeDeployStatus('Whatever')).toBe('UNKNOWN');
  });

  it('maps ECS service deployment statuses with hooks and bake time', () => {
    expect(fromEcsServiceDeploymentStatus('IN_PROGRESS')).toBe('IN_PROGRESS');
    expect(
      fromEcsServiceDeploymentStatus('IN_PROGRESS', { waiting: true }),
    ).toBe('WAITING');
    expect(
      fromEcsServiceDeploymentStatus('IN_PROGRESS', {
        lifecycleStage: 'BAKE_TIME',
      }),
    ).toBe('BAKING');
    expect(fromEcsServiceDeploymentStatus('ROLLBACK_SUCCESSFUL')).toBe(
      'ROLLED_BACK',
    );
    expect(fromEcsServiceDeploymentStatus('SUCCESSFUL')).toBe('SUCCEEDED');
  });

  it('maps pipeline statuses, waiting on approval', () => {
    expect(fromPipelineStatus('InProgress', { waiting: true })).toBe('WAITING');
    expect(fromPipelineStatus('Superseded')).toBe('SUPERSEDED');
    expect(isActiveStatus('WAITING')).toBe(true);
    expect(isActiveStatus('SUCCEEDED')).toBe(false);
  });

  it('round-trips deployment ids and rejects malformed ones', () => {
    expect(
      parseDeploymentId(formatDeploymentId('codedeploy', 'd-ABC')),
    ).toEqual({ kind: 'codedeploy', awsId: 'd-ABC' });
    expect(parseDeploymentId('s3:x')).toBeUndefined();
    expect(parseDeploymentId('ecs:arn:aws:ecs:x')).toBeUndefined();
    expect(parseDeploymentId('nocolon')).toBeUndefined();
  });
});
