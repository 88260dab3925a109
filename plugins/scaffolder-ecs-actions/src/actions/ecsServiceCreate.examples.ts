import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'service', action: 'ecs:service:create', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Create a CodeDeploy blue/green service in a configured environment (a new ALB <name>-<env> with listeners 80 and 8080)',
    example: step('Create the dev service', {
      name: 'payments-api',
      environment: 'dev',
      containerPort: 8080,
      size: '512/1024',
    }),
  },
  {
    description:
      'Create an ECS native canary service (10% for 5 minutes) with explicit cpu and memory',
    example: step('Create the staging service', {
      name: 'ledger-api',
      environment: 'staging',
      containerPort: 3000,
      cpu: 1024,
      memory: 2048,
      deploymentController: 'ECS',
      strategy: 'CANARY',
      canaryPercent: 10,
      canaryBakeTimeInMinutes: 5,
      healthCheckPath: '/health',
    }),
  },
  {
    description:
      'Create a rolling service with the ECS controller and two tasks',
    example: step('Create the worker service', {
      name: 'orders-worker',
      environment: 'dev',
      containerPort: 8080,
      size: '256/512',
      deploymentController: 'ECS',
      strategy: 'ROLLING',
      desiredCount: 2,
    }),
  },
  {
    description:
      'Create a service in an account and cluster given explicitly, with its own image',
    example: step('Create the service', {
      name: 'search-api',
      environment: 'prod',
      accountId: '333333333333',
      region: 'eu-west-1',
      cluster: 'storefront-prod',
      subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      securityGroups: ['sg-0123456789abcdef0'],
      containerPort: 8080,
      size: '1024/2048',
      image: 'public.ecr.aws/nginx/nginx:stable',
    }),
  },
];
