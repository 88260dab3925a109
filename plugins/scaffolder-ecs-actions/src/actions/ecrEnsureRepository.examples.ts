import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [
      {
        id: 'ecr',
        action: 'ecs:ecr:ensure-repository',
        name: 'Create the image repository',
        input,
      },
    ],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Ensure the ECR repository of a new service in the configured registry account',
    example: step({
      name: 'payments-api',
      owner: 'group:default/team-payments',
    }),
  },
  {
    description: 'Without scanning images on push',
    example: step({
      name: 'ledger-api',
      owner: 'group:default/team-payments',
      scanOnPush: false,
    }),
  },
];
