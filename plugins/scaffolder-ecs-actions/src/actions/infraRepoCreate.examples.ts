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
      'An ECS controller service in one environment, with explicit cpu and memory and a repository name of its own',
    example: step('Create the infrastructure repository', {
      name: 'orders-worker',
      owner: 'group:default/team-payments',
      containerPort: 8080,
      cpu: 256,
      memory: 512,
      deploymentController: 'ECS',
      environments: ['dev'],
      repositoryName: 'orders-worker-deploy',
    }),
  },
];
