/** `lib/load-balancing.ts`: the service's ALB, target groups, listeners and ECS rules. */
export const loadBalancingSource = `import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import type { EnvironmentNetwork } from './network';
import type { EnvironmentSettings, ServiceSettings } from './settings-types';

export interface ServiceLoadBalancerProps {
  service: ServiceSettings;
  environment: EnvironmentSettings;
  network: EnvironmentNetwork;
  ports: { productionPort: number; testPort?: number };
  /**
   * ECS-native blue/green shifts the weights of a listener rule, not the
   * listener: one rule per listener, all paths, blue 100 / green 0.
   */
  weightedRules: boolean;
}

/**
 * An ALB of the service's own. CodeDeploy blue/green moves traffic by
 * rewriting a listener's default action, so a listener cannot be shared.
 * Both listeners start on blue; with a test port there is a green target
 * group to switch to.
 */
export class ServiceLoadBalancer extends Construct {
  readonly blue: elbv2.ApplicationTargetGroup;
  readonly green?: elbv2.ApplicationTargetGroup;
  readonly productionListener: elbv2.ApplicationListener;
  readonly testListener?: elbv2.ApplicationListener;
  readonly productionRule?: elbv2.ApplicationListenerRule;
  readonly testRule?: elbv2.ApplicationListenerRule;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    const { environment, network, ports } = props;
    const [firstGroup, ...moreGroups] = network.securityGroups ?? [];
    const loadBalancer = new elbv2.ApplicationLoadBalancer(
      this,
      'LoadBalancer',
      {
        loadBalancerName: environment.names.loadBalancer,
        vpc: network.vpc,
        vpcSubnets: { subnets: network.subnets },
        internetFacing: true,
        securityGroup: firstGroup,
      },
    );
    for (const group of moreGroups) loadBalancer.addSecurityGroup(group);

    this.blue = this.targetGroup(
      props,
      'Blue',
      environment.names.blueTargetGroup,
    );
    this.productionListener = loadBalancer.addListener('Production', {
      port: ports.productionPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      defaultAction: elbv2.ListenerAction.forward([this.blue]),
    });
    if (ports.testPort !== undefined) {
      this.green = this.targetGroup(
        props,
        'Green',
        environment.names.greenTargetGroup,
      );
      this.testListener = loadBalancer.addListener('Test', {
        port: ports.testPort,
        protocol: elbv2.ApplicationProtocol.HTTP,
        defaultAction: elbv2.ListenerAction.forward([this.blue]),
      });
      if (props.weightedRules) {
        this.productionRule = this.weightedRule(
          'ProductionRule',
          this.productionListener,
          this.green,
        );
        this.testRule = this.weightedRule(
          'TestRule',
          this.testListener,
          this.green,
        );
      }
    }
  }

  private weightedRule(
    id: string,
    listener: elbv2.ApplicationListener,
    green: elbv2.ApplicationTargetGroup,
  ): elbv2.ApplicationListenerRule {
    return new elbv2.ApplicationListenerRule(this, id, {
      listener,
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
      action: elbv2.ListenerAction.weightedForward([
        { targetGroup: this.blue, weight: 100 },
        { targetGroup: green, weight: 0 },
      ]),
    });
  }

  private targetGroup(
    props: ServiceLoadBalancerProps,
    id: string,
    name: string,
  ): elbv2.ApplicationTargetGroup {
    return new elbv2.ApplicationTargetGroup(this, id, {
      targetGroupName: name,
      vpc: props.network.vpc,
      port: props.service.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      // Fargate tasks register by IP (awsvpc).
      targetType: elbv2.TargetType.IP,
      healthCheck: { path: props.service.healthCheckPath },
    });
  }
}
`;
