import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'pipeline', action: 'ecs:pipeline:create', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      "CodeDeploy blue/green pipeline for dev, reading the service's infrastructure repository",
    example: step('Create the dev pipeline', {
      name: 'payments-api',
      owner: 'group:default/team-payments',
      environment: 'dev',
    }),
  },
  {
    description:
      'Production pipeline with a manual approval before the blue/green deployment',
    example: step('Create the prod pipeline', {
      name: 'payments-api',
      owner: 'group:default/team-payments',
      environment: 'prod',
      manualApproval: true,
    }),
  },
  {
    description:
      'ECS controller service: the standard ECS deploy action with imagedefinitions.json, from a repository with its own name',
    example: step('Create the worker pipeline', {
      name: 'orders-worker',
      owner: 'group:default/team-payments',
      environment: 'staging',
      deploy: 'ecs',
      repositoryName: 'orders-worker-deploy',
    }),
  },
];
