/** `lib/fargate-service.ts`: the task definition and the Fargate service. */
export const fargateServiceSource = `import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ServiceLoadBalancer } from './load-balancing';
import type { EnvironmentNetwork } from './network';
import type {
  EcsDeploymentSettings,
  EnvironmentSettings,
  ServiceSettings,
} from './settings-types';

export interface FargateServiceProps {
  service: ServiceSettings;
  environment: EnvironmentSettings;
  network: EnvironmentNetwork;
  loadBalancer?: ServiceLoadBalancer;
}

/**
 * The task definition and the Fargate service in the platform's cluster.
 * After the first deployment the pipeline registers the task definitions
 * (from taskdef.json); CloudFormation cannot change the task definition of a
 * CODE_DEPLOY service, so change size, port or roles in both places.
 */
export class ServiceOnFargate extends Construct {
  readonly service: ecs.FargateService;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const { service, environment, network, loadBalancer } = props;
    const { names, roles, deployment } = environment;
    const role = (roleId: string, arn: string) =>
      // The platform's roles, used as they are: this app adds no policies.
      iam.Role.fromRoleArn(this, roleId, arn, { mutable: false });

    const taskDefinition = new ecs.FargateTaskDefinition(
      this,
      'TaskDefinition',
      {
        family: names.taskFamily,
        cpu: service.cpu,
        memoryLimitMiB: service.memoryMiB,
        runtimePlatform: {
          operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
          cpuArchitecture: ecs.CpuArchitecture.X86_64,
        },
        executionRole: role('ExecutionRole', roles.execution),
        // Without a configured task role CDK adds one with no permissions.
        taskRole: roles.task ? role('TaskRole', roles.task) : undefined,
      },
    );
    taskDefinition.addContainer('Container', {
      containerName: service.name,
      image: ecs.ContainerImage.fromRegistry(environment.image),
      essential: true,
      portMappings: [
        {
          name: 'http',
          containerPort: service.containerPort,
          protocol: ecs.Protocol.TCP,
          appProtocol: ecs.AppProtocol.http,
        },
      ],
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: service.name,
        logGroup: new logs.LogGroup(this, 'Logs', {
          logGroupName: names.logGroup,
          // Logs outlive the stack.
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      }),
    });

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: names.service,
      cluster: ecs.Cluster.fromClusterAttributes(this, 'Cluster', {
        clusterName: environment.cluster,
        vpc: network.vpc,
      }),
      taskDefinition,
      desiredCount: service.desiredCount,
      vpcSubnets: { subnets: network.subnets },
      securityGroups: network.securityGroups,
      assignPublicIp: environment.assignPublicIp,
      healthCheckGracePeriod: loadBalancer ? Duration.seconds(30) : undefined,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      ...(deployment.controller === 'CODE_DEPLOY'
        ? {
            deploymentController: {
              type: ecs.DeploymentControllerType.CODE_DEPLOY,
            },
          }
        : ecsControllerProps(deployment)),
    });

    const notes = Annotations.of(this);
    notes.acknowledgeWarning(
      '@aws-cdk/aws-ecs:ecrImageRequiresPolicy',
      "The platform's execution role pulls from the registry",
    );
    notes.acknowledgeWarning(
      '@aws-cdk/aws-ecs:minHealthyPercent',
      "Unset unless rolling: ECS's default, as for services the portal creates",
    );

    if (deployment.controller === 'ECS' && deployment.holdBeforeTraffic) {
      // CDK's lifecycle hooks invoke a Lambda; a PAUSE hook is set on the resource.
      const resource = this.service.node.defaultChild as ecs.CfnService;
      resource.addPropertyOverride('DeploymentConfiguration.LifecycleHooks', [
        {
          TargetType: 'PAUSE',
          LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          TimeoutConfiguration: {
            TimeoutInMinutes: deployment.holdBeforeTraffic.timeoutMinutes,
            Action: 'ROLLBACK',
          },
        },
      ]);
    }

    if (!loadBalancer) return;
    if (
      loadBalancer.productionRule &&
      loadBalancer.testRule &&
      loadBalancer.green
    ) {
      // ECS-native blue/green: ECS moves these rules' weights with this role.
      this.service
        .loadBalancerTarget({
          containerName: service.name,
          containerPort: service.containerPort,
          alternateTarget: new ecs.AlternateTarget('Green', {
            alternateTargetGroup: loadBalancer.green,
            productionListener:
              ecs.ListenerRuleConfiguration.applicationListenerRule(
                loadBalancer.productionRule,
              ),
            testListener: ecs.ListenerRuleConfiguration.applicationListenerRule(
              loadBalancer.testRule,
            ),
            role: role('InfrastructureRole', roles.ecsInfrastructure),
          }),
        })
        .attachToApplicationTargetGroup(loadBalancer.blue);
    } else {
      this.service.attachToApplicationTargetGroup(loadBalancer.blue);
    }
  }
}

/** The ECS controller: rolling, or blue/green, canary or linear by ECS itself. */
function ecsControllerProps(
  deployment: EcsDeploymentSettings,
): Partial<ecs.FargateServiceProps> {
  const minutes = (m: number | undefined) =>
    m === undefined ? undefined : Duration.minutes(m);
  return {
    deploymentController: { type: ecs.DeploymentControllerType.ECS },
    deploymentStrategy: ecs.DeploymentStrategy[deployment.strategy],
    // Roll back a deployment whose tasks never become healthy.
    circuitBreaker: { enable: true, rollback: true },
    minHealthyPercent: deployment.minHealthyPercent,
    maxHealthyPercent: deployment.maxHealthyPercent,
    bakeTime: minutes(deployment.bakeTimeMinutes),
    canaryConfiguration: deployment.canary && {
      stepPercent: deployment.canary.percent,
      stepBakeTime: minutes(deployment.canary.bakeTimeMinutes),
    },
    linearConfiguration: deployment.linear && {
      stepPercent: deployment.linear.stepPercent,
      stepBakeTime: minutes(deployment.linear.stepBakeTimeMinutes),
    },
  };
}
`;
