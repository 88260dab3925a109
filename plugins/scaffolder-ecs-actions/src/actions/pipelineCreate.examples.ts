import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'pipeline', action: 'ecs:pipeline:create', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'CodeDeploy blue/green pipeline for dev, reading the infrastructure repository',
    example: step('Create the dev pipeline', {
      name: 'payments-api',
      environment: 'dev',
      infraRepository: {
        fullRepositoryId: '${{ steps.infra.output.fullRepositoryId }}',
      },
    }),
  },
  {
    description:
      'Production pipeline with a manual approval before the blue/green deployment',
    example: step('Create the prod pipeline', {
      name: 'payments-api',
      environment: 'prod',
      manualApproval: true,
      infraRepository: {
        fullRepositoryId: 'my-org/payments-api-infra',
        branch: 'main',
        connectionArn:
          'arn:aws:codeconnections:eu-west-1:333333333333:connection/00000000-0000-0000-0000-000000000000',
      },
    }),
  },
  {
    description:
      'Rolling service: the standard ECS deploy action with imagedefinitions.json',
    example: step('Create the worker pipeline', {
      name: 'orders-worker',
      environment: 'staging',
      deploy: 'ecs',
      infraRepository: { fullRepositoryId: 'my-org/orders-worker-infra' },
    }),
  },
];
