import { CacheService } from '@backstage/backend-plugin-api';
import { ReadCache } from './ReadCache';
import { sharedCache } from './__testUtils__/sharedCache';

describe('ReadCache scopes', () => {
  let now = 1_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000;
  });

  it("reloads what expires before the watcher's next look, and keeps it past that look", async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    let version = 0;
    const load = jest.fn(async () => ({ version: ++version }));
    await cache.get('k', load, 5_000);

    now += 1_000; // 4 s left: a viewer keeps the value
    expect(await cache.get('k', load, 5_000)).toEqual({ version: 1 });

    const watch = { refreshAheadMs: 5_000, minTtlMs: 20_000 };
    expect(
      await cache.within(watch, () => cache.get('k', load, 5_000)),
    ).toEqual({ version: 2 });
    // the watcher's value outlives its class's 5 s
    now += 15_000;
    expect(await cache.get('k', load, 5_000)).toEqual({ version: 2 });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads a key once per look, however often the look reads it', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    let version = 0;
    const load = jest.fn(async () => ({ version: ++version }));
    // What a look loads lives as long as it reads ahead: a second read in
    // the same look would find it expiring and load it again.
    const look = { refreshAheadMs: 5_000, minTtlMs: 5_000 };
    const reads = () =>
      cache.within(look, async () => [
        await cache.get('k', load, 5_000),
        await cache.peek('k'),
        await cache.get('k', load, 5_000),
      ]);
    expect(await reads()).toEqual([
      { version: 1 },
      { version: 1 },
      { version: 1 },
    ]);
    now += 2_000; // the next look loads it again, once
    expect(await reads()).toEqual([
      { version: 2 },
      { version: 2 },
      { version: 2 },
    ]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('leaves alone what outlives the next look, and what is not cached', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    const load = jest.fn(async () => 'finished');
    await cache.get('done', load, 3_600_000);
    const watch = { refreshAheadMs: 2_000, minTtlMs: 5_000 };
    await cache.within(watch, () => cache.get('done', load, 3_600_000));
    expect(load).toHaveBeenCalledTimes(1);

    const uncached = jest.fn(async () => 'now');
    await cache.within(watch, () => cache.get('none', uncached, 0));
    await cache.get('none', uncached, 0);
    expect(uncached).toHaveBeenCalledTimes(2);
  });

  it("answers a fresh read from the shared cache, past this replica's older copy", async () => {
    const shared = sharedCache() as unknown as CacheService;
    const viewer = new ReadCache(shared, { now: clock });
    const watcher = new ReadCache(shared, { now: clock });
    await viewer.get('k', async () => 'old', 5_000);
    await watcher.within({ refreshAheadMs: 5_000, minTtlMs: 10_000 }, () =>
      watcher.get('k', async () => 'new', 5_000),
    );
    const load = jest.fn(async () => 'from AWS');
    expect(await viewer.get('k', load, 5_000)).toBe('old');
    expect(
      await viewer.within({ skipMemory: true }, () =>
        viewer.get('k', load, 5_000),
      ),
    ).toBe('new');
    // and its memory now holds the shared value for plain reads
    expect(await viewer.get('k', load, 5_000)).toBe('new');
    expect(load).not.toHaveBeenCalled();
  });

  it('keeps what a scope with a lifetime share loads for that share of its lifetime', async () => {
    const cache = new ReadCache(sharedCache() as unknown as CacheService, {
      now: clock,
    });
    const load = jest.fn(async () => 'v');
    await cache.within({ lifetimeShare: 0.5 }, () =>
      cache.get('k', load, 60_000),
    );
    now += 29_000;
    await cache.get('k', load, 60_000);
    expect(load).toHaveBeenCalledTimes(1);
    now += 2_000; // 31 s: past half of its minute
    await cache.get('k', load, 60_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps, in a scope with `recentMs`, what was read that recently though it expires soon', async () => {
    const shared = sharedCache() as unknown as CacheService;
    const cache = new ReadCache(shared, { now: clock });
    const load = jest.fn(async () => 'v');
    // The warm-up's short share of a minute, and a value kept whole.
    await cache.within({ lifetimeShare: 0.5 }, () =>
      cache.get('short', load, 60_000),
    );
    await cache.get('whole', load, 60_000);
    const scan = { refreshAheadMs: 60_000, recentMs: 15_000 };
    now += 10_000;
    await cache.within(scan, () => cache.get('short', load, 60_000));
    // Another replica, with nothing in memory, judges the shared copy alike.
    const other = new ReadCache(shared, { now: clock });
    await other.within(scan, () => other.get('short', load, 60_000));
    expect(load).toHaveBeenCalledTimes(2);
    now += 6_000; // read 16 s ago: the scan reads both again
    await cache.within(scan, async () => {
      await cache.get('short', load, 60_000);
      await cache.get('whole', load, 60_000);
    });
    expect(load).toHaveBeenCalledTimes(4);
  });
});
