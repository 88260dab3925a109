import { resolveDeploymentConfig } from './deploymentConfig';

describe('resolveDeploymentConfig', () => {
  it('uses a named config as given', () => {
    expect(resolveDeploymentConfig('MyConfig', { type: 'canary' })).toEqual({
      name: 'MyConfig',
    });
  });

  it('maps the shifts CodeDeploy predefines to its configs', () => {
    expect(
      resolveDeploymentConfig(undefined, { type: 'all-at-once' }).name,
    ).toBe('CodeDeployDefault.ECSAllAtOnce');
    expect(resolveDeploymentConfig(undefined, { type: 'canary' })).toEqual({
      name: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    });
    expect(
      resolveDeploymentConfig(undefined, {
        type: 'linear',
        percentage: 10,
        intervalMinutes: 3,
      }),
    ).toEqual({ name: 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes' });
  });

  it('describes other shifts as custom configs', () => {
    expect(
      resolveDeploymentConfig(undefined, {
        type: 'canary',
        percentage: 20,
        intervalMinutes: 10,
      }),
    ).toEqual({
      name: 'EcsDeploy.Canary20Percent10Minutes',
      custom: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 20, canaryInterval: 10 },
      },
    });
    expect(
      resolveDeploymentConfig(undefined, {
        type: 'linear',
        percentage: 25,
        intervalMinutes: 2,
      }),
    ).toEqual({
      name: 'EcsDeploy.Linear25PercentEvery2Minutes',
      custom: {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 25, linearInterval: 2 },
      },
    });
  });
});
