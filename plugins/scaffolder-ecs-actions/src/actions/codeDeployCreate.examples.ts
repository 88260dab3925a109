import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'codedeploy', action: 'ecs:codedeploy:create', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      "Canary 10% for 5 minutes on the service's own target groups and listeners (the template does this)",
    example: step('Create the deployment group', {
      name: 'payments-api',
      owner: 'group:default/team-payments',
      environment: 'dev',
      trafficShift: { type: 'canary', percentage: 10, intervalMinutes: 5 },
      terminationWaitMinutes: 5,
    }),
  },
  {
    description:
      'Production: a custom linear shift, wait for a person at READY, alarms that roll back',
    example: step('Create the prod deployment group', {
      name: 'payments-api',
      owner: 'group:default/team-payments',
      environment: 'prod',
      trafficShift: { type: 'linear', percentage: 20, intervalMinutes: 2 },
      waitForApproval: true,
      readyWaitMinutes: 120,
      terminationWaitMinutes: 60,
      alarms: ['payments-api-prod-5xx', 'payments-api-prod-latency'],
    }),
  },
  {
    description: 'All at once with a named predefined deployment config',
    example: step('Create the deployment group', {
      name: 'cart-api',
      owner: 'group:default/team-payments',
      environment: 'staging',
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
    }),
  },
];
