import { Entity } from '@backstage/catalog-model';
import { locationsToWarm } from './warmOnStart';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
});

const service = (account: string, region: string, name = 'web') =>
  `arn:aws:ecs:${region}:${account}:service/c/${name}`;

describe('locationsToWarm', () => {
  const options = {
    defaultRegion: 'eu-west-1',
    discovery: [{ accountId: '999999999999', region: 'us-east-1' }],
  };

  it('names each account and region of services whose deployment group is looked up, once', () => {
    expect(
      locationsToWarm(
        [
          entity({
            'ecs-deploy.io/service-arn.dev': service(
              '111111111111',
              'eu-west-1',
            ),
            'ecs-deploy.io/service-arn.prod': service(
              '222222222222',
              'us-east-2',
            ),
          }),
          entity({
            'ecs-deploy.io/service-arn.prod': service(
              '222222222222',
              'us-east-2',
              'api',
            ),
          }),
        ],
        options,
      ),
    ).toEqual([
      { accountId: '111111111111', region: 'eu-west-1' },
      { accountId: '222222222222', region: 'us-east-2' },
    ]);
  });

  it('leaves out environments that annotate their deployment group, and entities without ECS Deploy annotations', () => {
    expect(
      locationsToWarm(
        [
          entity({
            'ecs-deploy.io/service-arn.prod': service(
              '111111111111',
              'eu-west-1',
            ),
            'ecs-deploy.io/codedeploy.prod': 'app/group',
          }),
          entity({ 'backstage.io/techdocs-ref': 'dir:.' }),
        ],
        options,
      ),
    ).toEqual([]);
  });

  it('adds the discovery locations when an entity finds its services by tags', () => {
    expect(
      locationsToWarm([entity({ 'ecs-deploy.io/discovery': 'tags' })], options),
    ).toEqual(options.discovery);
  });
});
