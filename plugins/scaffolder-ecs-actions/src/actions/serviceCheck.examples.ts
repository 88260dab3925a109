import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [
      {
        id: 'check',
        action: 'ecs:service:check',
        name: 'Check that the service can be created',
        input,
      },
    ],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Before a CodeDeploy blue/green service in three environments (the template does this first)',
    example: step({
      name: 'payments-api',
      owner: 'group:default/team-payments',
      environments: ['dev', 'staging', 'prod'],
    }),
  },
  {
    description: 'Before an ECS native linear service in dev',
    example: step({
      name: 'search-api',
      owner: 'group:default/team-payments',
      environments: ['dev'],
      deploymentController: 'ECS',
      strategy: 'LINEAR',
    }),
  },
];
