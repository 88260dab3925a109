import { CacheService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, NotAllowedError } from '@backstage/errors';
import { ReadCache } from './ReadCache';
import { sharedCache } from './__testUtils__/sharedCache';

describe('ReadCache', () => {
  let now = 1_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000;
  });

  it('answers repeated reads from memory without reading the shared cache', async () => {
    const shared = sharedCache();
    const cache = new ReadCache(shared as unknown as CacheService, {
      now: clock,
    });
    const load = jest.fn(async () => ({ items: [1, 2] }));
    await cache.get('k', load, 5_000);
    shared.reads = 0;
    const again = await cache.get('k', load, 5_000);
    expect(again).toEqual({ items: [1, 2] });
    expect(load).toHaveBeenCalledTimes(1);
    expect(shared.reads).toBe(0);
  });

  it('takes a value another replica wrote, with that value’s expiry', async () => {
    const shared = sharedCache();
    const a = new ReadCache(shared as unknown as CacheService, { now: clock });
    const b = new ReadCache(shared as unknown as CacheService, { now: clock });
    await a.get('k', async () => 'from a', 5_000);
    const loadB = jest.fn(async () => 'from b');
    expect(await b.get('k', loadB, 5_000)).toBe('from a');
    now += 6_000;
    shared.setClock(6_000);
    expect(await b.get('k', loadB, 5_000)).toBe('from b');
    expect(loadB).toHaveBeenCalledTimes(1);
  });

  it('forgets a value the backend changed, here and for other replicas reading the shared cache', async () => {
    const shared = sharedCache();
    const a = new ReadCache(shared as unknown as CacheService, { now: clock });
    const b = new ReadCache(shared as unknown as CacheService, { now: clock });
    await a.get('k', async () => 'before', 5_000);
    await a.forget('k');
    expect(await a.get('k', async () => 'after', 5_000)).toBe('after');
    await a.forget('k');
    expect(await b.get('k', async () => 'read by b', 5_000)).toBe('read by b');
  });

  it('serves the expired value when AWS throttles, and counts it', async () => {
    const shared = sharedCache();
    const cache = new ReadCache(shared as unknown as CacheService, {
      now: clock,
      staleIfErrorMs: 60_000,
    });
    await cache.get('k', async () => 'good', 5_000);
    now += 10_000;
    shared.setClock(10_000);
    const throttled = async () => {
      throw new ServiceUnavailableError('AWS is throttling');
    };
    expect(await cache.get('k', throttled, 5_000)).toBe('good');
    expect(cache.stats().staleAnswers).toBe(1);

    now += 60_000;
    await expect(cache.get('k', throttled, 5_000)).rejects.toThrow(
      'AWS is throttling',
    );
  });

  it('does not hide errors that are not transient', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    await cache.get('k', async () => 'good', 5_000);
    now += 10_000;
    await expect(
      cache.get(
        'k',
        async () => {
          throw new NotAllowedError('no ecs:DescribeServices');
        },
        5_000,
      ),
    ).rejects.toThrow('no ecs:DescribeServices');
  });

  it('hands out frozen values, so no caller can change what others see', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    const value = await cache.get(
      'k',
      async () => ({ list: [{ id: 'a' }] }),
      5_000,
    );
    expect(() => {
      value.list[0].id = 'b';
    }).toThrow(TypeError);
    expect(() => value.list.push({ id: 'c' })).toThrow(TypeError);
  });

  it('keeps at most memoryEntries values in memory, dropping the least recent', async () => {
    const shared = sharedCache();
    const cache = new ReadCache(shared as unknown as CacheService, {
      now: clock,
      memoryEntries: 2,
    });
    await cache.get('a', async () => 1, 5_000);
    await cache.get('b', async () => 2, 5_000);
    await cache.get('a', async () => 1, 5_000); // a is now the most recent
    await cache.get('c', async () => 3, 5_000);
    expect(cache.stats().memoryEntries).toBe(2);
    shared.reads = 0;
    await cache.get('a', async () => 1, 5_000);
    expect(shared.reads).toBe(0);
    await cache.get('b', async () => 2, 5_000);
    expect(shared.reads).toBe(1);
  });

  it('keeps values in memory up to memoryBytes of JSON, dropping the least recent', async () => {
    const shared = sharedCache();
    // Each value is a 100-character string: 102 bytes of JSON.
    const value = (c: string) => c.repeat(100);
    const cache = new ReadCache(shared as unknown as CacheService, {
      now: clock,
      memoryBytes: 250,
    });
    await cache.get('a', async () => value('a'), 5_000);
    await cache.get('b', async () => value('b'), 5_000);
    await cache.get('a', async () => value('a'), 5_000); // a is now the most recent
    await cache.get('c', async () => value('c'), 5_000);
    expect(cache.stats()).toMatchObject({ memoryEntries: 2, memoryBytes: 204 });
    shared.reads = 0;
    await cache.get('a', async () => value('a'), 5_000);
    await cache.get('c', async () => value('c'), 5_000);
    expect(shared.reads).toBe(0);
    await cache.get('b', async () => value('b'), 5_000);
    expect(shared.reads).toBe(1);
  });

  it('keeps a value larger than the whole memory budget only in the shared cache', async () => {
    const shared = sharedCache();
    const cache = new ReadCache(shared as unknown as CacheService, {
      now: clock,
      memoryBytes: 50,
    });
    const load = jest.fn(async () => 'x'.repeat(100));
    await cache.get('big', load, 5_000);
    expect(cache.stats().memoryEntries).toBe(0);
    shared.reads = 0;
    expect(await cache.get('big', load, 5_000)).toHaveLength(100);
    expect(shared.reads).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    let release: (v: string) => void = () => {};
    const load = jest.fn(
      () =>
        new Promise<string>(resolve => {
          release = resolve;
        }),
    );
    const all = Promise.all([1, 2, 3].map(() => cache.get('k', load, 5_000)));
    await new Promise(r => setImmediate(r));
    release('once');
    expect(await all).toEqual(['once', 'once', 'once']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('caches nothing with a ttl of 0', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    const load = jest.fn(async () => 'v');
    await cache.get('k', load, 0);
    await cache.get('k', load, 0);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
