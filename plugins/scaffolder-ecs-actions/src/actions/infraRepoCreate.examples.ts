import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'infra', action: 'ecs:infra-repo:create', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Render and publish the infrastructure repository for the configured environments',
    example: step('Create the infrastructure repository', {
      name: 'payments-api',
      owner: 'group:default/team-payments',
      system: 'storefront',
      description: 'Takes payments',
      containerPort: 8080,
      size: '512/1024',
      environments: ['dev', 'staging', 'prod'],
    }),
  },
  {
    description:
      'A rolling (ECS controller) service in one environment spelled out in full',
    example: step('Create the infrastructure repository', {
      name: 'orders-worker',
      owner: 'group:default/team-payments',
      containerPort: 8080,
      cpu: 256,
      memory: 512,
      deploymentController: 'ECS',
      environments: [
        {
          name: 'dev',
          accountId: '111111111111',
          region: 'eu-west-1',
          cluster: 'storefront-dev',
          taskRoleArn: 'arn:aws:iam::111111111111:role/orders-worker',
        },
      ],
      repositoryName: 'orders-worker-deploy',
    }),
  },
];
