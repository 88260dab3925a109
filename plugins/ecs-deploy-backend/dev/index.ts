import {
  ecsServiceArn,
  pipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Development setup: the plugin with a mock catalog and allow-all
// permissions. Point it at a sandbox started with
// `packages/aws-sandbox/bin/aws-sandbox --port 4598 --seed demo` through
// `ecsDeploy.aws.endpoint` in app-config, then for example:
//
//   curl http://localhost:7007/api/ecs-deploy/entities/component/default/payments-api/environments
//   curl 'http://localhost:7007/api/ecs-deploy/entities/component/default/payments-api/history?limit=5'
//   curl http://localhost:7007/api/ecs-deploy/entities/component/default/payments-api/traffic

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());

const environments = ['dev', 'staging', 'prod'];
const accounts: Record<string, string> = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'payments-api',
          annotations: {
            'ecs-deploy.io/environments': environments.join(','),
            ...Object.fromEntries(
              environments.flatMap(env => [
                [
                  `ecs-deploy.io/service-arn.${env}`,
                  ecsServiceArn({
                    accountId: accounts[env],
                    region: 'eu-west-1',
                    cluster: `storefront-${env}`,
                    serviceName: 'payments-api',
                  }),
                ],
                [
                  `ecs-deploy.io/pipeline-arn.${env}`,
                  pipelineArn({
                    accountId: accounts[env],
                    region: 'eu-west-1',
                    name: `payments-api-${env}`,
                  }),
                ],
              ]),
            ),
          },
        },
        spec: {
          type: 'service',
          owner: 'team-payments',
          lifecycle: 'production',
        },
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();
