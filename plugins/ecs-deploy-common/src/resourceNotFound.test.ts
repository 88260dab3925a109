import {
  describeMissingResource,
  isResourceNotFound,
} from './resourceNotFound';

describe('describeMissingResource', () => {
  const service = {
    type: 'ecs-service' as const,
    name: 'payments-api',
    accountId: '333333333333',
    region: 'eu-west-1',
  };

  it('names the resource, where it was looked for and the annotation', () => {
    expect(
      describeMissingResource(service, 'ecs-deploy.io/service-arn.prod'),
    ).toBe(
      'ECS service payments-api was not found in 333333333333 / eu-west-1 (ecs-deploy.io/service-arn.prod)',
    );
    expect(
      describeMissingResource({
        ...service,
        type: 'codedeploy-deployment-group',
        name: 'payments-api/payments-api-prod',
      }),
    ).toBe(
      'CodeDeploy deployment group payments-api/payments-api-prod was not found in 333333333333 / eu-west-1',
    );
  });

  it('tells the code from other errors', () => {
    expect(isResourceNotFound({ code: 'ResourceNotFound' })).toBe(true);
    expect(isResourceNotFound({ code: 'NotFound' })).toBe(false);
    expect(isResourceNotFound(undefined)).toBe(false);
  });
});
