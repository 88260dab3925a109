import { CacheService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { FRESH_READ_HEADER } from '@ecs-deploy/plugin-ecs-deploy-common';
import express from 'express';
import request from 'supertest';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { sharedCache } from '../cache/__testUtils__/sharedCache';
import { cacheSharedByReplicas, freshReads } from './freshReads';

const TTLS = {
  active: 5_000,
  finished: 60_000,
  list: 15_000,
  resolution: 60_000,
};

/** A replica's app: one read of `k` through its own memory and the shared cache. */
function replica(
  shared: ReturnType<typeof sharedCache>,
  sharedByReplicas: boolean,
) {
  const cache = new ClassedCache(
    new ReadCache(shared as unknown as CacheService),
    TTLS,
  );
  const app = express();
  app.use(freshReads(cache, { sharedByReplicas }));
  let version = 0;
  app.get('/k', async (_req, res) => {
    res.json(
      await cache.get('k', async () => ({ version: ++version }), 'active'),
    );
  });
  return { app, cache };
}

describe('freshReads', () => {
  it("answers a read after a signal from the shared cache, where another replica's watcher wrote", async () => {
    const shared = sharedCache();
    const viewer = replica(shared, true);
    expect((await request(viewer.app).get('/k')).body.version).toBe(1);
    // The watcher on another replica read it again and signalled.
    await replica(shared, true).cache.put('k', { version: 7 }, 'active');

    expect((await request(viewer.app).get('/k')).body.version).toBe(1);
    const fresh = await request(viewer.app)
      .get('/k')
      .set(FRESH_READ_HEADER, '1');
    expect(fresh.body.version).toBe(7);
  });

  it("answers it from memory when the cache is this process's own", async () => {
    const shared = sharedCache();
    const only = replica(shared, false);
    await request(only.app).get('/k');
    const reads = shared.reads;
    const fresh = await request(only.app).get('/k').set(FRESH_READ_HEADER, '1');
    expect(fresh.body.version).toBe(1);
    expect(shared.reads).toBe(reads);
  });

  it('tells a store shared by replicas from the in-process default', () => {
    expect(cacheSharedByReplicas(new ConfigReader({}))).toBe(false);
    expect(
      cacheSharedByReplicas(
        new ConfigReader({ backend: { cache: { store: 'memory' } } }),
      ),
    ).toBe(false);
    expect(
      cacheSharedByReplicas(
        new ConfigReader({ backend: { cache: { store: 'redis' } } }),
      ),
    ).toBe(true);
  });
});
