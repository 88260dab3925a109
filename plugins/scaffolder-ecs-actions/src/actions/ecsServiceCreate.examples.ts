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
      owner: 'group:default/team-payments',
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
      owner: 'group:default/team-payments',
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
      'Create a worker without a load balancer: the ECS controller stops the old task, then starts the new one',
    example: step('Create the worker service', {
      name: 'orders-worker',
      owner: 'group:default/team-payments',
      environment: 'dev',
      containerPort: 8080,
      size: '256/512',
      deploymentController: 'ECS',
      strategy: 'ROLLING',
      loadBalanced: false,
      desiredCount: 2,
    }),
  },
];
