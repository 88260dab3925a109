import { codeDeployShift } from '../systems/codeDeploy/shift';
import { ecsShift } from '../systems/ecsNative/shift';
import { stepOf } from './steps';

const canary = {
  kind: 'CANARY' as const,
  stepPercent: 10,
  stepIntervalMinutes: 5,
  bakeTimeMinutes: 15,
};

describe('traffic shift', () => {
  it('counts canary and linear steps', () => {
    expect(stepOf(canary, 0)).toEqual({ step: 0, totalSteps: 2 });
    expect(stepOf(canary, 10)).toEqual({ step: 1, totalSteps: 2 });
    expect(stepOf(canary, 100)).toEqual({ step: 2, totalSteps: 2 });
    const linear = {
      kind: 'LINEAR' as const,
      stepPercent: 10,
      stepIntervalMinutes: 1,
    };
    expect(stepOf(linear, 30)).toEqual({ step: 3, totalSteps: 10 });
  });

  it('times the next canary step from the start of AllowTraffic', () => {
    const shift = codeDeployShift({
      deploymentId: 'codedeploy:d-1',
      status: 'IN_PROGRESS',
      strategy: canary,
      greenWeight: 10,
      events: [
        {
          name: 'Install',
          status: 'SUCCEEDED',
          awsStatus: 'Succeeded',
          endedAt: '2026-01-01T10:01:00.000Z',
        },
        {
          name: 'AllowTraffic',
          status: 'IN_PROGRESS',
          awsStatus: 'InProgress',
          startedAt: '2026-01-01T10:02:00.000Z',
        },
      ],
    });
    expect(shift).toEqual({
      deploymentId: 'codedeploy:d-1',
      phase: 'SHIFTING',
      shiftedPercent: 10,
      step: 1,
      totalSteps: 2,
      nextStepAt: '2026-01-01T10:07:00.000Z',
    });
  });

  it('reports the end of the termination wait while baking and waiting at ready', () => {
    const baking = codeDeployShift({
      deploymentId: 'codedeploy:d-1',
      status: 'BAKING',
      strategy: canary,
      greenWeight: 100,
      events: [
        {
          name: 'AllowTraffic',
          status: 'SUCCEEDED',
          awsStatus: 'Succeeded',
          startedAt: '2026-01-01T10:02:00.000Z',
          endedAt: '2026-01-01T10:07:00.000Z',
        },
      ],
    });
    expect(baking.phase).toBe('BAKING');
    expect(baking.bakeTimeEndsAt).toBe('2026-01-01T10:22:00.000Z');
    expect(
      codeDeployShift({
        deploymentId: 'x',
        status: 'WAITING',
        strategy: canary,
        greenWeight: 0,
        events: [],
      }).phase,
    ).toBe('WAITING');
  });

  it('follows ECS lifecycle stages', () => {
    expect(
      ecsShift({
        deploymentId: 'ecs:1',
        status: 'IN_PROGRESS',
        strategy: canary,
        lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
        productionWeight: 10,
        updatedAt: '2026-01-01T10:00:00.000Z',
      }),
    ).toMatchObject({
      phase: 'SHIFTING',
      step: 1,
      nextStepAt: '2026-01-01T10:05:00.000Z',
    });
    expect(
      ecsShift({
        deploymentId: 'ecs:1',
        status: 'BAKING',
        strategy: canary,
        lifecycleStage: 'BAKE_TIME',
        productionWeight: 100,
        updatedAt: '2026-01-01T10:00:00.000Z',
      }),
    ).toMatchObject({
      phase: 'BAKING',
      bakeTimeEndsAt: '2026-01-01T10:15:00.000Z',
    });
  });
});
