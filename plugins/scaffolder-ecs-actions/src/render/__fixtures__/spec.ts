import type { InfraRepositorySpec } from '../types';

export const paymentsSpec: InfraRepositorySpec = {
  name: 'payments-api',
  owner: 'group:default/team-payments',
  system: 'storefront',
  description: 'Takes payments',
  containerPort: 8080,
  cpu: '512',
  memory: '1024',
  ecr: {
    accountId: '111111111111',
    region: 'eu-west-1',
    repositoryName: 'payments-api',
  },
  environments: [
    {
      name: 'dev',
      accountId: '111111111111',
      region: 'eu-west-1',
      cluster: 'storefront-dev',
      executionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
      deployment: 'codedeploy',
      codeDeploy: {
        application: 'payments-api',
        deploymentGroup: 'payments-api-dev',
      },
      pipelineName: 'payments-api-dev',
    },
    {
      name: 'prod',
      accountId: '333333333333',
      region: 'eu-west-1',
      cluster: 'storefront-prod',
      executionRoleArn: 'arn:aws:iam::333333333333:role/ecsTaskExecutionRole',
      taskRoleArn: 'arn:aws:iam::333333333333:role/payments-api',
      deployment: 'ecs',
      pipelineName: 'payments-api-prod',
    },
  ],
};
