import { Entity } from '@backstage/catalog-model';
import { DEMO_REGION, RunningSandbox } from '@ecs-deploy/aws-sandbox';
import {
  ecsServiceArn,
  pipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/** The account of the sandbox's seeded benchmark fleet (`seed: 'fleet'`). */
export const FLEET_ACCOUNT = '333333333333';

/** A fleet service as an adopter annotates it: its prod service and pipeline. */
export function fleetEntity(name: string, owner = 'team-x'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'ecs-deploy.io/service-arn.prod': ecsServiceArn({
          accountId: FLEET_ACCOUNT,
          region: DEMO_REGION,
          cluster: 'storefront-prod',
          serviceName: name,
        }),
        'ecs-deploy.io/pipeline-arn.prod': pipelineArn({
          accountId: FLEET_ACCOUNT,
          region: DEMO_REGION,
          name: `${name}-prod`,
        }),
      },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

/** Backend config on the fleet's sandbox, the watcher off; `ecsDeploy` adds to it. */
export function fleetConfig(
  sb: RunningSandbox,
  ecsDeploy: Record<string, unknown> = {},
) {
  return {
    aws: {
      accounts: [
        {
          accountId: FLEET_ACCOUNT,
          accessKeyId: FLEET_ACCOUNT,
          secretAccessKey: 'sandbox',
        },
      ],
    },
    ecsDeploy: {
      aws: { endpoint: sb.url, defaultRegion: DEMO_REGION, maxAttempts: 1 },
      watch: { enabled: false },
      ...ecsDeploy,
    },
  };
}
