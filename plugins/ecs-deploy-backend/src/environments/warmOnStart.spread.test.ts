import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { sharedCache } from '../cache/__testUtils__/sharedCache';
import { ReadContext } from '../reads/ReadContext';
import { warmOnStart } from './warmOnStart';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'ecs-deploy.io/service-arn.prod': `arn:aws:ecs:eu-west-1:111111111111:service/c/${name}`,
      // Annotated groups leave no account index to read first.
      'ecs-deploy.io/codedeploy.prod': `app/${name}`,
    },
  },
});

describe('warmOnStart, reading the tabs of the first entities', () => {
  it('spreads the expiry of what it reads over the last half of its lifetimes, not all at once', async () => {
    let now = 0;
    const cache = new ClassedCache(
      new ReadCache(sharedCache() as unknown as CacheService, {
        now: () => now,
      }),
      { resolution: 1, list: 15_000, idle: 60_000, finished: 1, active: 1 },
    );
    const names = ['a', 'b', 'c', 'd'];
    await warmOnStart({
      ctx: { cache } as unknown as ReadContext,
      catalog: catalogServiceMock({ entities: names.map(entity) }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      defaultRegion: 'eu-west-1',
      discovery: [],
      maxWaitMs: 10_000,
      warmEntity: e => cache.put(`state:${e.metadata.name}`, 'at rest', 'idle'),
      entityLimit: names.length,
    });
    const expiresAfter = async (name: string) => {
      for (now = 0; now <= 60_000; now += 1_000) {
        if ((await cache.peek(`state:${name}`)) === undefined) return now;
      }
      return undefined;
    };
    const expiries: Array<number | undefined> = [];
    for (const name of names) expiries.push(await expiresAfter(name));
    expect(expiries).toEqual([60_000, 53_000, 45_000, 38_000]);
  });
});
