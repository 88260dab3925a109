import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { decodeCursor, encodeCursor, SourcePosition } from './cursor';
import { HistorySource } from './HistorySource';
import { compareNewestFirst, mergeHistory } from './mergeHistory';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/**
 * A fake stream of `count` entries, one every `step` minutes going back from
 * `offset` minutes, served in AWS-like pages, counting list and describe calls.
 */
function fakeSource(
  key: string,
  count: number,
  options: { step: number; offset: number; pageSize?: number },
) {
  const pageSize = options.pageSize ?? 10;
  const calls = { list: 0, describe: 0, described: 0 };
  const all: DeploymentSummary[] = Array.from({ length: count }, (_, i) => ({
    id: `ecs:${key}-${String(i).padStart(4, '0')}`,
    kind: 'ecs',
    environment: key,
    status: i % 3 === 0 ? 'FAILED' : 'SUCCEEDED',
    awsStatus: 'x',
    startedAt: new Date(
      T0 - (options.offset + i * options.step) * 60_000,
    ).toISOString(),
    trigger: { kind: 'unknown' },
    links: {},
  }));
  const byId = new Map(all.map(s => [s.id, s]));
  const source: HistorySource = {
    key,
    async list(token) {
      calls.list++;
      const start = token ? Number(token) : 0;
      const ids = all.slice(start, start + pageSize).map(s => s.id);
      const next = start + pageSize;
      return next < all.length ? { ids, nextToken: String(next) } : { ids };
    },
    async describe(_token, ids) {
      calls.describe++;
      calls.described += ids.length;
      return ids.map(id => byId.get(id)!);
    },
  };
  return { source, calls, all };
}

describe('mergeHistory', () => {
  it('merges streams newest first across pages without gaps or duplicates', async () => {
    const a = fakeSource('a', 37, { step: 2, offset: 0 });
    const b = fakeSource('b', 23, { step: 3, offset: 1 });
    const expected = [...a.all, ...b.all]
      .sort(compareNewestFirst)
      .map(s => s.id);
    // Equal start times exist (a-0029 and b-0019): order must still be total.
    expect(new Set(expected).size).toBe(60);

    const seen: string[] = [];
    let positions: Record<string, SourcePosition> = {};
    for (let page = 0; page < 20; page++) {
      const result = await mergeHistory({
        sources: [a.source, b.source],
        positions,
        limit: 7,
        filter: () => true,
      });
      seen.push(...result.items.map(i => i.id));
      if (result.exhausted) break;
      // Positions travel through the opaque cursor, as over HTTP.
      positions = decodeCursor(
        encodeCursor({ filter: 'f', positions: result.positions }),
        'f',
      ).positions;
    }
    expect(seen).toEqual(expected);
  });

  it('reads only the AWS pages the first page needs', async () => {
    const big = fakeSource('big', 600, { step: 1, offset: 0, pageSize: 20 });
    const result = await mergeHistory({
      sources: [big.source],
      positions: {},
      limit: 25,
      filter: () => true,
    });
    expect(result.items).toHaveLength(25);
    expect(result.exhausted).toBe(false);
    // 25 items plus look-ahead: two list pages, never thirty.
    expect(big.calls.list).toBeLessThanOrEqual(3);
    expect(big.calls.described).toBeLessThanOrEqual(45);
  });

  it('applies the status filter and still fills the page', async () => {
    const a = fakeSource('a', 50, { step: 1, offset: 0 });
    const result = await mergeHistory({
      sources: [a.source],
      positions: {},
      limit: 5,
      filter: s => s.status === 'FAILED',
    });
    expect(result.items.map(i => i.status)).toEqual(Array(5).fill('FAILED'));
    expect(result.items.map(i => i.id)).toEqual([
      'ecs:a-0000',
      'ecs:a-0003',
      'ecs:a-0006',
      'ecs:a-0009',
      'ecs:a-0012',
    ]);
  });
});

it('stops after maxScanned entries with a short page and a cursor', async () => {
  const a = fakeSource('a', 300, { step: 1, offset: 0, pageSize: 20 });
  const result = await mergeHistory({
    sources: [a.source],
    positions: {},
    limit: 10,
    filter: s => s.status === 'UNKNOWN',
    maxScanned: 50,
  });
  expect(result.items).toEqual([]);
  expect(result.exhausted).toBe(false);
  expect(result.positions.a).toEqual({ token: '40', offset: 10 });
  // Described: the 50 scanned plus one look-ahead slice, not 300.
  expect(a.calls.described).toBeLessThanOrEqual(60);
});

describe('history cursor', () => {
  it('rejects garbage and cursors made for other filters with InputError', () => {
    expect(() => decodeCursor('!!!', 'f')).toThrow(/Invalid cursor/);
    const cursor = encodeCursor({
      filter: 'prod|',
      positions: { 'prod:ecs': { offset: 3, token: 't' } },
    });
    expect(() => decodeCursor(cursor, 'dev|')).toThrow(/other environment/);
    expect(decodeCursor(cursor, 'prod|').positions).toEqual({
      'prod:ecs': { offset: 3, token: 't' },
    });
    let error: Error | undefined;
    try {
      decodeCursor(
        Buffer.from('{"v":1,"f":"f","s":{"x":[1,2]}}').toString('base64url'),
        'f',
      );
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('InputError');
  });
});
