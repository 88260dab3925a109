/** `lib/service-stack.ts`: one environment of the service. */
export const serviceStackSource = `import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BlueGreenDeployment } from './blue-green-deployment';
import { ServiceOnFargate } from './fargate-service';
import { ServiceLoadBalancer } from './load-balancing';
import { environmentNetwork } from './network';
import { ServicePipeline } from './pipeline';
import type { EnvironmentSettings, ServiceSettings } from './settings-types';
import { tagEverything } from './tagging';

export interface ServiceStackProps extends StackProps {
  service: ServiceSettings;
  environment: EnvironmentSettings;
}

/**
 * The service in one environment, in that environment's account and region:
 * its load balancer (unless it is a worker), the Fargate service, CodeDeploy
 * blue/green when CodeDeploy deploys it, and the pipeline.
 */
export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    const { service, environment } = props;
    super(scope, id, {
      ...props,
      env: { account: environment.account, region: environment.region },
    });
    tagEverything(this, {
      ...service.tags,
      [service.environmentTagKey]: environment.name,
    });
    const { deployment } = environment;
    const network = environmentNetwork(this, environment);
    const loadBalancer = environment.loadBalancer
      ? new ServiceLoadBalancer(this, 'LoadBalancing', {
          service,
          environment,
          network,
          ports: environment.loadBalancer,
          weightedRules:
            deployment.controller === 'ECS' &&
            deployment.strategy !== 'ROLLING',
        })
      : undefined;
    const fargate = new ServiceOnFargate(this, 'Fargate', {
      service,
      environment,
      network,
      loadBalancer,
    });
    if (deployment.controller === 'CODE_DEPLOY') {
      if (!loadBalancer) {
        throw new Error('CodeDeploy blue/green needs the load balancer');
      }
      const blueGreen = new BlueGreenDeployment(this, 'BlueGreen', {
        deployment,
        service: fargate.service,
        loadBalancer,
        environmentTagKey: service.environmentTagKey,
      });
      new ServicePipeline(this, 'Delivery', {
        service,
        environment,
        deployTo: { deploymentGroup: blueGreen.deploymentGroup },
      });
    } else {
      new ServicePipeline(this, 'Delivery', {
        service,
        environment,
        deployTo: { service: fargate.service },
      });
    }
  }
}
`;
