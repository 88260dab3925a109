import { createMockDirectory } from '@backstage/backend-test-utils';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseInput } from '../../lib/parseInput';
import { cdkServiceSettings } from './cdkServiceSettings';
import { infrastructureInput } from './infrastructureInput';
import { renderCdkApp } from './renderCdkApp';
import {
  synthesizeCdkApp,
  typeErrors,
  writeCdkApp,
} from './__testUtils__/cdkApp';
import {
  paymentsOwner,
  platformSettings,
  platformSubnets,
  tagKeys,
} from './__fixtures__/platform';

/*
 * The rendered CDK app, type-checked and synthesized in-process with
 * aws-cdk-lib (no AWS): the resources and properties the ecs:* actions would
 * create, for a CodeDeploy canary, an ECS-native canary and a rolling worker.
 */

jest.setTimeout(120_000);

function render(
  environments: string[],
  deploymentController: 'CODE_DEPLOY' | 'ECS',
  cdk: Record<string, unknown>,
) {
  const { cdk: options } = parseInput(infrastructureInput, {
    infrastructure: 'cdk',
    cdk,
  });
  return renderCdkApp(
    cdkServiceSettings({
      name: 'payments-api',
      owner: paymentsOwner,
      tagKeys,
      settings: platformSettings,
      environments,
      containerPort: 8080,
      size: { cpu: '512', memory: '1024' },
      deploymentController,
      options,
      fullRepositoryId: 'acme/payments-api-infra',
    }),
  );
}

const TAGS = {
  'backstage.io/entity': 'component:default/payments-api',
  'backstage.io/owner': 'group:default/team-payments',
};

function stackNamed(app: ReturnType<typeof synthesizeCdkApp>, id: string) {
  const stack = app.node.tryFindChild(id);
  if (!Stack.isStack(stack)) throw new Error(`No stack ${id}`);
  return stack;
}

function logicalId(template: Template, type: string, props: object): string {
  const found = Object.keys(
    template.findResources(type, { Properties: props }),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

/** Every resource that takes tags carries these; the rest take none in CloudFormation. */
function expectTaggedEverywhere(
  template: Template,
  tags: Record<string, string>,
  except: string[] = [],
) {
  const untaggable = new Set([
    'AWS::IAM::Policy',
    'AWS::EC2::SecurityGroupIngress',
    'AWS::EC2::SecurityGroupEgress',
    'AWS::CodeDeploy::DeploymentConfig',
    'AWS::ElasticLoadBalancingV2::ListenerRule',
  ]);
  for (const [id, resource] of Object.entries(
    template.toJSON().Resources as Record<string, any>,
  )) {
    if (untaggable.has(resource.Type) || except.includes(id)) continue;
    const found = Object.fromEntries(
      (resource.Properties?.Tags ?? []).map((t: any) => [t.Key, t.Value]),
    );
    expect({ id, tags: found }).toEqual({
      id,
      tags: expect.objectContaining(tags),
    });
  }
}

describe('the CDK app', () => {
  const mockDir = createMockDirectory();
  const variants = {
    codeDeployCanary: render(['dev', 'staging', 'prod'], 'CODE_DEPLOY', {
      healthCheckPath: '/health',
      trafficShift: { type: 'canary', percentage: 10, intervalMinutes: 5 },
      terminationWaitMinutes: 5,
      manualApproval: ['prod'],
      holdBeforeTraffic: ['prod'],
    }),
    ecsCanary: render(['dev', 'prod'], 'ECS', {
      strategy: 'CANARY',
      bakeTimeInMinutes: 15,
      manualApproval: ['prod'],
      holdBeforeTraffic: ['prod'],
    }),
    rollingWorker: render(['dev'], 'ECS', {
      strategy: 'ROLLING',
      loadBalanced: false,
    }),
  };
  const appDirs: Record<string, string> = {};

  beforeAll(() => {
    for (const [name, files] of Object.entries(variants)) {
      appDirs[name] = writeCdkApp(mockDir.resolve(name), files);
    }
  });

  it('is a TypeScript project whose only per-service file is its settings', () => {
    expect(Object.keys(variants.rollingWorker).sort()).toEqual([
      'cdk/.gitignore',
      'cdk/bin/app.ts',
      'cdk/cdk.json',
      'cdk/lib/blue-green-deployment.ts',
      'cdk/lib/fargate-service.ts',
      'cdk/lib/load-balancing.ts',
      'cdk/lib/network.ts',
      'cdk/lib/pipeline.ts',
      'cdk/lib/registry-stack.ts',
      'cdk/lib/service-stack.ts',
      'cdk/lib/settings-types.ts',
      'cdk/lib/settings.ts',
      'cdk/lib/tagging.ts',
      'cdk/package.json',
      'cdk/tsconfig.json',
    ]);
    const pkg = JSON.parse(variants.rollingWorker['cdk/package.json']);
    expect(pkg.dependencies).toEqual({
      'aws-cdk-lib': expect.stringMatching(/^\^2\./),
      constructs: expect.stringMatching(/^\^10\./),
    });
    expect(JSON.parse(variants.rollingWorker['cdk/cdk.json']).app).toBe(
      'npx ts-node --prefer-ts-exts bin/app.ts',
    );
    const sharedCode = (files: Record<string, string>) =>
      Object.entries(files).filter(([file]) => file !== 'cdk/lib/settings.ts');
    expect(sharedCode(variants.codeDeployCanary)).toEqual(
      sharedCode(variants.rollingWorker),
    );
  });

  it('type-checks with its own tsconfig.json', () => {
    expect(typeErrors(Object.values(appDirs))).toEqual([]);
  });

  describe('with CodeDeploy canary', () => {
    let app: ReturnType<typeof synthesizeCdkApp>;
    beforeAll(() => {
      app = synthesizeCdkApp(appDirs.codeDeployCanary, platformSubnets);
    });

    it('declares the ECR repository in the registry account, without an environment tag', () => {
      const registry = stackNamed(app, 'payments-api-registry');
      expect(registry.account).toBe('111111111111');
      expect(registry.region).toBe('eu-west-1');
      const template = Template.fromStack(registry);
      template.resourceCountIs('AWS::ECR::Repository', 1);
      template.hasResourceProperties('AWS::ECR::Repository', {
        RepositoryName: 'payments-api',
        ImageTagMutability: 'MUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
      });
      expectTaggedEverywhere(template, TAGS);
      const tags = template.findResources('AWS::ECR::Repository');
      expect(
        Object.values(tags)[0].Properties.Tags.map((t: any) => t.Key),
      ).not.toContain('environment');
    });

    it('puts each environment in its own account and region, in promotion order', () => {
      const prod = stackNamed(app, 'payments-api-prod');
      expect([prod.account, prod.region]).toEqual([
        '333333333333',
        'eu-central-1',
      ]);
      expect(prod.dependencies.map(s => s.stackName)).toEqual([
        'payments-api-staging',
      ]);
      expect(
        stackNamed(app, 'payments-api-dev').dependencies.map(s => s.stackName),
      ).toEqual(['payments-api-registry']);
    });

    it('runs a CODE_DEPLOY Fargate service behind blue/green target groups on an ALB of its own', () => {
      const template = Template.fromStack(stackNamed(app, 'payments-api-dev'));
      const blue = logicalId(
        template,
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        { Name: 'payments-api-dev-blue' },
      );
      template.hasResourceProperties(
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        {
          Name: 'payments-api-dev-green',
          Port: 8080,
          Protocol: 'HTTP',
          TargetType: 'ip',
          HealthCheckPath: '/health',
          // From the lookup of the configured subnets.
          VpcId: 'vpc-0de5de5de5de5de50',
        },
      );
      template.hasResourceProperties(
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        {
          Name: 'payments-api-dev',
          Scheme: 'internet-facing',
          Subnets: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
          SecurityGroups: ['sg-0123456789abcdef0'],
        },
      );
      for (const port of [80, 8080]) {
        template.hasResourceProperties(
          'AWS::ElasticLoadBalancingV2::Listener',
          {
            Port: port,
            DefaultActions: [
              { Type: 'forward', TargetGroupArn: { Ref: blue } },
            ],
          },
        );
      }
      template.hasResourceProperties('AWS::ECS::Service', {
        ServiceName: 'payments-api',
        Cluster: 'storefront-dev',
        LaunchType: 'FARGATE',
        DeploymentController: { Type: 'CODE_DEPLOY' },
        DesiredCount: 1,
        LoadBalancers: [
          {
            ContainerName: 'payments-api',
            ContainerPort: 8080,
            TargetGroupArn: { Ref: blue },
          },
        ],
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
            SecurityGroups: ['sg-0123456789abcdef0'],
            AssignPublicIp: 'DISABLED',
          },
        },
        PropagateTags: 'SERVICE',
      });
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: 'payments-api-dev',
        Cpu: '512',
        Memory: '1024',
        RequiresCompatibilities: ['FARGATE'],
        ExecutionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
        ContainerDefinitions: [
          Match.objectLike({
            Name: 'payments-api',
            Image:
              '111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments-api:dev',
          }),
        ],
      });
    });

    it('wires the deployment group to the target groups, listeners and service', () => {
      const template = Template.fromStack(stackNamed(app, 'payments-api-dev'));
      const id = (type: string, props: object) =>
        logicalId(template, type, props);
      const tg = 'AWS::ElasticLoadBalancingV2::TargetGroup';
      const listener = 'AWS::ElasticLoadBalancingV2::Listener';
      template.hasResourceProperties('AWS::CodeDeploy::Application', {
        ApplicationName: 'payments-api',
        ComputePlatform: 'ECS',
      });
      template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
        ApplicationName: {
          Ref: id('AWS::CodeDeploy::Application', {
            ApplicationName: 'payments-api',
          }),
        },
        DeploymentGroupName: 'payments-api-dev',
        DeploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
        ServiceRoleArn: 'arn:aws:iam::111111111111:role/ecsCodeDeployRole',
        DeploymentStyle: {
          DeploymentType: 'BLUE_GREEN',
          DeploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        BlueGreenDeploymentConfiguration: {
          DeploymentReadyOption: { ActionOnTimeout: 'CONTINUE_DEPLOYMENT' },
          TerminateBlueInstancesOnDeploymentSuccess: {
            Action: 'TERMINATE',
            TerminationWaitTimeInMinutes: 5,
          },
        },
        ECSServices: [
          {
            ClusterName: 'storefront-dev',
            ServiceName: {
              'Fn::GetAtt': [
                id('AWS::ECS::Service', { ServiceName: 'payments-api' }),
                'Name',
              ],
            },
          },
        ],
        LoadBalancerInfo: {
          TargetGroupPairInfoList: [
            {
              ProdTrafficRoute: {
                ListenerArns: [{ Ref: id(listener, { Port: 80 }) }],
              },
              TestTrafficRoute: {
                ListenerArns: [{ Ref: id(listener, { Port: 8080 }) }],
              },
              TargetGroups: [
                {
                  Name: {
                    'Fn::GetAtt': [
                      id(tg, { Name: 'payments-api-dev-blue' }),
                      'TargetGroupName',
                    ],
                  },
                },
                {
                  Name: {
                    'Fn::GetAtt': [
                      id(tg, { Name: 'payments-api-dev-green' }),
                      'TargetGroupName',
                    ],
                  },
                },
              ],
            },
          ],
        },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: ['DEPLOYMENT_FAILURE'],
        },
      });
    });

    it('holds at READY in production and reuses an application its account already has', () => {
      const prod = Template.fromStack(stackNamed(app, 'payments-api-prod'));
      prod.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
        BlueGreenDeploymentConfiguration: Match.objectLike({
          DeploymentReadyOption: {
            ActionOnTimeout: 'STOP_DEPLOYMENT',
            WaitTimeInMinutes: 60,
          },
        }),
      });
      prod.resourceCountIs('AWS::CodeDeploy::Application', 1);
      // staging shares dev's account and region, so dev's stack declares it.
      const staging = Template.fromStack(
        stackNamed(app, 'payments-api-staging'),
      );
      staging.resourceCountIs('AWS::CodeDeploy::Application', 0);
      staging.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
        ApplicationName: 'payments-api',
        DeploymentGroupName: 'payments-api-staging',
      });
    });

    it('declares the V2 pipeline with both sources, the approval where asked and the CodeDeploy action', () => {
      const dev = Template.fromStack(stackNamed(app, 'payments-api-dev'));
      const source = {
        Name: 'Source',
        Actions: [
          Match.objectLike({
            Name: 'Image',
            ActionTypeId: Match.objectLike({ Provider: 'ECR' }),
            Configuration: { RepositoryName: 'payments-api', ImageTag: 'dev' },
            OutputArtifacts: [{ Name: 'ImageSource' }],
          }),
          Match.objectLike({
            Name: 'Infrastructure',
            ActionTypeId: Match.objectLike({
              Provider: 'CodeStarSourceConnection',
            }),
            Configuration: {
              ConnectionArn:
                'arn:aws:codeconnections:eu-west-1:111111111111:connection/abc',
              FullRepositoryId: 'acme/payments-api-infra',
              BranchName: 'main',
              DetectChanges: false,
            },
            OutputArtifacts: [{ Name: 'InfraSource' }],
          }),
        ],
      };
      const deploy = Match.objectLike({
        Name: 'Deploy',
        Actions: [
          Match.objectLike({
            ActionTypeId: Match.objectLike({ Provider: 'CodeDeployToECS' }),
            Configuration: Match.objectLike({
              TaskDefinitionTemplatePath: 'environments/dev/taskdef.json',
              AppSpecTemplatePath: 'environments/dev/appspec.yaml',
              Image1ArtifactName: 'ImageSource',
              Image1ContainerName: 'IMAGE1_NAME',
            }),
          }),
        ],
      });
      dev.hasResourceProperties('AWS::CodePipeline::Pipeline', {
        Name: 'payments-api-dev',
        PipelineType: 'V2',
        ExecutionMode: 'SUPERSEDED',
        RoleArn:
          'arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole',
        ArtifactStore: {
          Type: 'S3',
          Location: 'codepipeline-eu-west-1-111111111111',
        },
        Stages: [Match.objectLike(source), deploy],
      });
      const prod = Template.fromStack(stackNamed(app, 'payments-api-prod'));
      prod.hasResourceProperties('AWS::CodePipeline::Pipeline', {
        RoleArn: 'arn:aws:iam::333333333333:role/delivery',
        Stages: [
          Match.objectLike({ Name: 'Source' }),
          Match.objectLike({
            Name: 'Approval',
            Actions: [
              Match.objectLike({
                ActionTypeId: Match.objectLike({ Provider: 'Manual' }),
              }),
            ],
          }),
          Match.objectLike({ Name: 'Deploy' }),
        ],
      });
    });

    it('tags every resource with the entity, the owner and the environment', () => {
      for (const env of ['dev', 'staging', 'prod']) {
        const template = Template.fromStack(
          stackNamed(app, `payments-api-${env}`),
        );
        // Shared by the environments of an account and region.
        const application = Object.keys(
          template.findResources('AWS::CodeDeploy::Application'),
        );
        expectTaggedEverywhere(
          template,
          { ...TAGS, environment: env },
          application,
        );
        for (const id of application) {
          const tags = template.toJSON().Resources[id].Properties.Tags;
          expect(tags.map((t: any) => t.Key).sort()).toEqual(
            Object.keys(TAGS).sort(),
          );
        }
      }
    });
  });

  describe('with an ECS-native canary', () => {
    let app: ReturnType<typeof synthesizeCdkApp>;
    beforeAll(() => {
      app = synthesizeCdkApp(appDirs.ecsCanary, platformSubnets);
    });

    it('gives ECS the strategy, bake time, canary step and the listener rules it moves', () => {
      const template = Template.fromStack(stackNamed(app, 'payments-api-dev'));
      const tg = (name: string) =>
        logicalId(template, 'AWS::ElasticLoadBalancingV2::TargetGroup', {
          Name: name,
        });
      const blue = tg('payments-api-dev-blue');
      const green = tg('payments-api-dev-green');
      const rules = template.findResources(
        'AWS::ElasticLoadBalancingV2::ListenerRule',
      );
      expect(Object.keys(rules)).toHaveLength(2);
      for (const rule of Object.values(rules)) {
        expect(rule.Properties).toMatchObject({
          Priority: 1,
          Conditions: [
            { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } },
          ],
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: { Ref: blue }, Weight: 100 },
                  { TargetGroupArn: { Ref: green }, Weight: 0 },
                ],
              },
            },
          ],
        });
      }
      const listenerOf = (port: number) =>
        logicalId(template, 'AWS::ElasticLoadBalancingV2::Listener', {
          Port: port,
        });
      const ruleOn = (port: number) =>
        Object.keys(rules).find(
          id => rules[id].Properties.ListenerArn.Ref === listenerOf(port),
        );
      template.hasResourceProperties('AWS::ECS::Service', {
        DeploymentController: { Type: 'ECS' },
        DeploymentConfiguration: {
          Strategy: 'CANARY',
          BakeTimeInMinutes: 15,
          CanaryConfiguration: {
            CanaryPercent: 10,
            CanaryBakeTimeInMinutes: 5,
          },
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
        LoadBalancers: [
          {
            ContainerName: 'payments-api',
            ContainerPort: 8080,
            TargetGroupArn: { Ref: blue },
            AdvancedConfiguration: {
              AlternateTargetGroupArn: { Ref: green },
              ProductionListenerRule: { Ref: ruleOn(80) },
              TestListenerRule: { Ref: ruleOn(8080) },
              RoleArn:
                'arn:aws:iam::111111111111:role/ecsInfrastructureRoleForLoadBalancers',
            },
          },
        ],
      });
      template.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 0);
      template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
        Stages: [
          Match.objectLike({ Name: 'Source' }),
          Match.objectLike({
            Name: 'Deploy',
            Actions: [
              Match.objectLike({
                ActionTypeId: Match.objectLike({ Provider: 'ECS' }),
                Configuration: {
                  ClusterName: 'storefront-dev',
                  ServiceName: {
                    'Fn::GetAtt': [
                      logicalId(template, 'AWS::ECS::Service', {
                        ServiceName: 'payments-api',
                      }),
                      'Name',
                    ],
                  },
                  FileName: 'environments/dev/imagedefinitions.json',
                },
              }),
            ],
          }),
        ],
      });
      expectTaggedEverywhere(template, { ...TAGS, environment: 'dev' });
    });

    it('pauses production after test traffic until someone continues', () => {
      const prod = Template.fromStack(stackNamed(app, 'payments-api-prod'));
      prod.hasResourceProperties('AWS::ECS::Service', {
        DeploymentConfiguration: Match.objectLike({
          Strategy: 'CANARY',
          LifecycleHooks: [
            {
              TargetType: 'PAUSE',
              LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
              TimeoutConfiguration: {
                TimeoutInMinutes: 60,
                Action: 'ROLLBACK',
              },
            },
          ],
        }),
      });
      const dev = Template.fromStack(stackNamed(app, 'payments-api-dev'));
      const [service] = Object.values(dev.findResources('AWS::ECS::Service'));
      expect(service.Properties.DeploymentConfiguration.LifecycleHooks).toBe(
        undefined,
      );
    });
  });

  describe('for a rolling worker', () => {
    it('runs without a load balancer, stopping the old task before starting the new one', () => {
      const app = synthesizeCdkApp(appDirs.rollingWorker, platformSubnets);
      const template = Template.fromStack(stackNamed(app, 'payments-api-dev'));
      for (const type of [
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        'AWS::ElasticLoadBalancingV2::TargetGroup',
        'AWS::ElasticLoadBalancingV2::Listener',
      ]) {
        template.resourceCountIs(type, 0);
      }
      template.hasResourceProperties('AWS::ECS::Service', {
        DeploymentController: { Type: 'ECS' },
        DeploymentConfiguration: {
          Strategy: 'ROLLING',
          MinimumHealthyPercent: 0,
          MaximumPercent: 100,
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
        LoadBalancers: Match.absent(),
        HealthCheckGracePeriodSeconds: Match.absent(),
      });
      template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
        Stages: [
          Match.objectLike({ Name: 'Source' }),
          Match.objectLike({ Name: 'Deploy' }),
        ],
      });
      expectTaggedEverywhere(template, { ...TAGS, environment: 'dev' });
    });
  });
});
