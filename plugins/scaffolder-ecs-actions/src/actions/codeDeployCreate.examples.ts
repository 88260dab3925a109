import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'codedeploy', action: 'ecs:codedeploy:create', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Canary 10% for 5 minutes, wired to the outputs of ecs:service:create (the template does this)',
    example: step('Create the deployment group', {
      name: 'payments-api',
      environment: 'dev',
      blueTargetGroupName:
        "${{ steps['service-dev'].output.blueTargetGroupName }}",
      greenTargetGroupName:
        "${{ steps['service-dev'].output.greenTargetGroupName }}",
      productionListenerArn:
        "${{ steps['service-dev'].output.productionListenerArn }}",
      testListenerArn: "${{ steps['service-dev'].output.testListenerArn }}",
      trafficShift: { type: 'canary', percentage: 10, intervalMinutes: 5 },
      terminationWaitMinutes: 5,
    }),
  },
  {
    description:
      'Production: a custom linear shift, wait for a person at READY, alarms that roll back',
    example: step('Create the prod deployment group', {
      name: 'payments-api',
      environment: 'prod',
      blueTargetGroupName: 'payments-api-prod-blue',
      greenTargetGroupName: 'payments-api-prod-green',
      productionListenerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:333333333333:listener/app/payments-api-prod/0123456789abcdef/1111111111111111',
      testListenerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:333333333333:listener/app/payments-api-prod/0123456789abcdef/2222222222222222',
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
      name: 'checkout-web',
      environment: 'staging',
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      blueTargetGroupName: 'checkout-web-staging-blue',
      greenTargetGroupName: 'checkout-web-staging-green',
      productionListenerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:222222222222:listener/app/checkout-web-staging/0123456789abcdef/1111111111111111',
    }),
  },
];
