import { failingHook, parseAppSpec } from './appspec';
import { shiftMinutes, shiftPlan } from './configs';

describe('parseAppSpec', () => {
  it('reads an ECS appspec in YAML, with hooks and comments', () => {
    const spec = parseAppSpec(
      [
        'version: 0.0',
        'Resources:',
        '  - TargetService:',
        '      Type: AWS::ECS::Service',
        '      Properties:',
        "        TaskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:7' # pinned",
        '        LoadBalancerInfo:',
        '          ContainerName: "web"',
        '          ContainerPort: 8080',
        'Hooks:',
        '  - BeforeInstall: "web-prepare"',
        '  - AfterAllowTestTraffic: "web-smoke-tests-fail"',
      ].join('\n'),
    );
    expect(spec).toEqual({
      taskDefinition:
        'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:7',
      containerName: 'web',
      containerPort: 8080,
      hooks: {
        BeforeInstall: 'web-prepare',
        AfterAllowTestTraffic: 'web-smoke-tests-fail',
      },
    });
    expect(failingHook(spec.hooks)).toBe('AfterAllowTestTraffic');
  });

  it('reads the JSON form', () => {
    const spec = parseAppSpec(
      JSON.stringify({
        version: 0.0,
        Resources: [
          {
            TargetService: {
              Type: 'AWS::ECS::Service',
              Properties: {
                TaskDefinition: 'web:3',
                LoadBalancerInfo: { ContainerName: 'app', ContainerPort: 80 },
              },
            },
          },
        ],
        Hooks: [{ AfterInstall: 'check' }],
      }),
    );
    expect(spec).toEqual({
      taskDefinition: 'web:3',
      containerName: 'app',
      containerPort: 80,
      hooks: { AfterInstall: 'check' },
    });
    expect(failingHook(spec.hooks)).toBeUndefined();
  });
});

describe('shiftPlan', () => {
  it('shifts canary, linear and all-at-once traffic as CodeDeploy does', () => {
    expect(
      shiftPlan({
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
      }),
    ).toEqual([
      { greenWeight: 10, holdMinutes: 5 },
      { greenWeight: 100, holdMinutes: 0 },
    ]);
    const linear = shiftPlan({
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 30, linearInterval: 3 },
    });
    expect(linear.map(s => s.greenWeight)).toEqual([30, 60, 90, 100]);
    expect(
      shiftMinutes({
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
      }),
    ).toBe(9);
    expect(shiftPlan({ type: 'AllAtOnce' })).toEqual([
      { greenWeight: 100, holdMinutes: 0 },
    ]);
  });
});
