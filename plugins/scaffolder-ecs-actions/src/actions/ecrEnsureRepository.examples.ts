import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Ensure the ECR repository of a new service in the configured registry account',
    example: yaml.stringify({
      steps: [
        {
          id: 'ecr',
          action: 'ecs:ecr:ensure-repository',
          name: 'Create the image repository',
          input: { repositoryName: 'payments-api' },
        },
      ],
    }),
  },
  {
    description:
      'Ensure a repository in a given account and region, owned by another entity ref',
    example: yaml.stringify({
      steps: [
        {
          id: 'ecr',
          action: 'ecs:ecr:ensure-repository',
          name: 'Create the image repository',
          input: {
            repositoryName: 'storefront/checkout-web',
            entityRef: 'component:default/checkout-web',
            accountId: '111111111111',
            region: 'eu-west-1',
            scanOnPush: false,
          },
        },
      ],
    }),
  },
];
