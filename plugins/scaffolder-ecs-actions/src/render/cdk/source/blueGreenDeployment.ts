/** `lib/blue-green-deployment.ts`: the CodeDeploy application and deployment group. */
export const blueGreenDeploymentSource = `import { Duration, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ServiceLoadBalancer } from './load-balancing';
import type { CodeDeploySettings } from './settings-types';

export interface BlueGreenDeploymentProps {
  deployment: CodeDeploySettings;
  service: ecs.FargateService;
  loadBalancer: ServiceLoadBalancer;
  /** The application is shared by the environments in an account and region. */
  environmentTagKey: string;
}

/**
 * CodeDeploy's ECS blue/green for the service: the application and the
 * deployment group that switches the production and test listeners between
 * the blue and green target groups.
 */
export class BlueGreenDeployment extends Construct {
  readonly deploymentGroup: codedeploy.EcsDeploymentGroup;

  constructor(scope: Construct, id: string, props: BlueGreenDeploymentProps) {
    super(scope, id);
    const { deployment, loadBalancer } = props;
    if (!loadBalancer.green || !loadBalancer.testListener) {
      throw new Error(
        'CodeDeploy blue/green needs a green target group and a test listener',
      );
    }
    let application: codedeploy.IEcsApplication;
    if (deployment.declaresApplication) {
      const declared = new codedeploy.EcsApplication(this, 'Application', {
        applicationName: deployment.application,
      });
      Tags.of(declared).remove(props.environmentTagKey);
      application = declared;
    } else {
      application = codedeploy.EcsApplication.fromEcsApplicationName(
        this,
        'Application',
        deployment.application,
      );
    }
    const autoRollback = deployment.autoRollback;
    this.deploymentGroup = new codedeploy.EcsDeploymentGroup(
      this,
      'DeploymentGroup',
      {
        application,
        deploymentGroupName: deployment.deploymentGroup,
        service: props.service,
        // The platform's role, used as it is: this app adds no policies.
        role: iam.Role.fromRoleArn(this, 'Role', deployment.serviceRoleArn, {
          mutable: false,
        }),
        deploymentConfig: this.deploymentConfig(deployment),
        blueGreenDeploymentConfig: {
          blueTargetGroup: loadBalancer.blue,
          greenTargetGroup: loadBalancer.green,
          listener: loadBalancer.productionListener,
          testListener: loadBalancer.testListener,
          // Set: wait at READY until someone continues, then stop.
          deploymentApprovalWaitTime:
            deployment.readyWaitMinutes === undefined
              ? undefined
              : Duration.minutes(deployment.readyWaitMinutes),
          terminationWaitTime: Duration.minutes(
            deployment.terminationWaitMinutes,
          ),
        },
        alarms: deployment.alarms.map((name, i) =>
          cloudwatch.Alarm.fromAlarmName(this, 'Alarm' + i, name),
        ),
        autoRollback: {
          failedDeployment: autoRollback,
          stoppedDeployment: false,
          deploymentInAlarm: autoRollback && deployment.alarms.length > 0,
        },
      },
    );
  }

  /**
   * A predefined config by name. A custom shift gets a config of this stack's
   * own, named by CloudFormation: a fixed name would collide with the same
   * shift of another service in the account.
   */
  private deploymentConfig(
    deployment: CodeDeploySettings,
  ): codedeploy.IEcsDeploymentConfig {
    const config = deployment.deploymentConfig;
    if ('name' in config) {
      return codedeploy.EcsDeploymentConfig.fromEcsDeploymentConfigName(
        this,
        'DeploymentConfig',
        config.name,
      );
    }
    const trafficRouting =
      'canary' in config
        ? codedeploy.TrafficRouting.timeBasedCanary({
            percentage: config.canary.percentage,
            interval: Duration.minutes(config.canary.intervalMinutes),
          })
        : codedeploy.TrafficRouting.timeBasedLinear({
            percentage: config.linear.percentage,
            interval: Duration.minutes(config.linear.intervalMinutes),
          });
    return new codedeploy.EcsDeploymentConfig(this, 'DeploymentConfig', {
      trafficRouting,
    });
  }
}
`;
