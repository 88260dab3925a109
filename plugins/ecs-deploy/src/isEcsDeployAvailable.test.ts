import { Entity } from '@backstage/catalog-model';
import { isEcsDeployAvailable } from './isEcsDeployAvailable';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations },
  };
}

describe('isEcsDeployAvailable', () => {
  it('accepts per-environment service annotations', () => {
    expect(
      isEcsDeployAvailable(
        entity({
          'ecs-deploy.io/service-arn.prod':
            'arn:aws:ecs:eu-west-1:333333333333:service/storefront-prod/payments-api',
        }),
      ),
    ).toBe(true);
  });

  it('accepts the awslabs annotation and discovery by tags', () => {
    expect(
      isEcsDeployAvailable(
        entity({
          'aws.amazon.com/amazon-ecs-service-arn':
            'arn:aws:ecs:eu-west-1:111111111111:service/storefront-dev/payments-api',
        }),
      ),
    ).toBe(true);
    expect(
      isEcsDeployAvailable(entity({ 'ecs-deploy.io/discovery': 'tags' })),
    ).toBe(true);
  });

  it('rejects an entity without them', () => {
    expect(
      isEcsDeployAvailable(entity({ 'backstage.io/techdocs-ref': 'dir:.' })),
    ).toBe(false);
  });
});
