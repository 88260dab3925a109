import { CacheService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DeploymentStatus,
  DeploymentSummary,
  HistoryResponse,
  deliveryFacts,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { sharedCache } from '../cache/__testUtils__/sharedCache';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { HistoryOptions } from '../history/readHistory';
import {
  EnvironmentFacts,
  SEGMENT_SIZE,
  TAIL_LIFETIME_MS,
} from './EnvironmentFacts';

const MINUTE = 60_000;
const START = Date.parse('2024-06-10T12:00:00Z');
const LIST_TTL = 15_000;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const env: ResolvedEnvironment = {
  name: 'prod',
  accountId: '111111111111',
  region: 'eu-west-1',
};

function deployment(
  n: number,
  startedAt: number,
  status: DeploymentStatus = 'SUCCEEDED',
): DeploymentSummary {
  return {
    id: `codedeploy:d-${n}`,
    kind: 'codedeploy',
    environment: 'prod',
    status,
    awsStatus: status,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(startedAt + 5 * MINUTE).toISOString(),
    durationMs: 5 * MINUTE,
    trigger: { kind: 'user' },
    links: {},
  };
}

/**
 * An environment's history served in pages of 100 from a list kept newest
 * first, counting the pages read.
 */
function fakeHistory(entries: DeploymentSummary[]) {
  const history = {
    entries,
    pages: 0,
    fail: undefined as Error | undefined,
    async page(
      _entity: Entity,
      _ref: string,
      options: HistoryOptions,
    ): Promise<HistoryResponse> {
      history.pages += 1;
      if (history.fail) throw history.fail;
      const offset = Number(options.cursor ?? 0);
      const items = history.entries.slice(offset, offset + options.limit);
      const next = offset + options.limit;
      return {
        items,
        ...(next < history.entries.length ? { nextCursor: String(next) } : {}),
      };
    },
  };
  return history;
}

/** `count` finished deployments a minute apart, the newest an hour before `START`. */
function finishedHistory(count: number): DeploymentSummary[] {
  return Array.from({ length: count }, (_, i) =>
    deployment(count - i, START - 60 * MINUTE - i * MINUTE),
  );
}

function setup(entries: DeploymentSummary[]) {
  let now = START;
  const shared = sharedCache();
  /** What was written to the shared cache, by key, last write last. */
  const written = new Map<string, any>();
  const set = shared.set;
  shared.set = async (key, value, opts) => {
    written.delete(key);
    written.set(key, (value as { v: unknown }).v);
    return set(key, value, opts);
  };
  const history = fakeHistory(entries);
  /** A backend replica: its own memory in front of the shared cache. */
  const replica = () => {
    const cache = new ClassedCache(
      new ReadCache(shared as unknown as CacheService, { now: () => now }),
      {
        active: 5_000,
        finished: 3_600_000,
        list: LIST_TTL,
        resolution: 600_000,
      },
    );
    const facts = new EnvironmentFacts({ history, cache, now: () => now });
    return () => facts.of(entity, 'component:default/payments-api', env);
  };
  return {
    history,
    shared,
    written,
    replica,
    read: replica(),
    /** The snapshot last written, and the segments it names. */
    snapshot() {
      const key = [...written.keys()]
        .filter(k => !k.includes(':segment:'))
        .pop()!;
      return written.get(key) as {
        segments: Array<{ id: string; size: number }>;
      };
    },
    advance(ms: number) {
      now += ms;
      shared.setClock(now);
    },
  };
}

describe('EnvironmentFacts', () => {
  it('reads the whole history once, then answers from the cache within the list lifetime', async () => {
    const t = setup(finishedHistory(2500));
    const first = await t.read();
    expect(t.history.pages).toBe(25);
    expect(first).toEqual(deliveryFacts(t.history.entries));

    t.advance(LIST_TTL - 1);
    expect(await t.read()).toEqual(first);
    expect(t.history.pages).toBe(25);
  });

  it('re-reads only the head when the list lifetime has passed', async () => {
    const t = setup(finishedHistory(2500));
    await t.read();
    t.history.pages = 0;

    t.advance(LIST_TTL);
    t.history.entries = [
      deployment(9001, START, 'IN_PROGRESS'),
      ...t.history.entries,
    ];
    const facts = await t.read();
    expect(t.history.pages).toBe(1);
    expect(facts).toEqual(deliveryFacts(t.history.entries));

    // The deployment in progress is re-read until it is finished.
    t.advance(LIST_TTL);
    t.history.entries = [
      deployment(9001, START, 'FAILED'),
      ...t.history.entries.slice(1),
    ];
    const later = await t.read();
    expect(t.history.pages).toBe(2);
    expect(later[0]).toMatchObject({ status: 'FAILED', failed: true });
    expect(later).toHaveLength(2501);
  });

  it('keeps a failed latest pipeline execution in the head: it can be retried', async () => {
    const held = deployment(1, START - 60 * MINUTE, 'FAILED');
    const execution = (status: DeploymentStatus, deployments = [held]) => ({
      ...deployment(0, START - 61 * MINUTE, status),
      id: 'pipeline:e-1',
      kind: 'pipeline' as const,
      deployments,
    });
    const t = setup([execution('FAILED'), ...finishedHistory(300).slice(2)]);
    await t.read();

    // A retry of the failed stage starts a new deployment inside it.
    t.advance(LIST_TTL);
    const retried = deployment(2, START, 'SUCCEEDED');
    t.history.entries = [
      execution('SUCCEEDED', [held, retried]),
      ...t.history.entries.slice(1),
    ];
    const facts = await t.read();
    expect(facts).toEqual(deliveryFacts(t.history.entries));
    expect(facts.filter(f => f.status === 'SUCCEEDED')).toHaveLength(299);
  });

  it('fills the newest segment up instead of opening one per refresh', async () => {
    const t = setup(finishedHistory(SEGMENT_SIZE + 10));
    await t.read();
    expect(t.snapshot().segments.map(seg => seg.size)).toEqual([
      10,
      SEGMENT_SIZE,
    ]);
    for (let i = 0; i < 30; i++) {
      t.advance(LIST_TTL);
      t.history.entries = [
        deployment(5000 + i, START + i * LIST_TTL - 20 * MINUTE),
        ...t.history.entries,
      ];
      await t.read();
    }
    expect(await t.read()).toEqual(deliveryFacts(t.history.entries));
    expect(t.snapshot().segments.map(seg => seg.size)).toEqual([
      40,
      SEGMENT_SIZE,
    ]);
  });

  it('reads everything again once a segment is gone or the tail has lived its time', async () => {
    const t = setup(finishedHistory(1500));
    await t.read();
    t.history.pages = 0;

    // Another replica finds the snapshot in the shared cache, not a segment.
    const [segment] = t.snapshot().segments;
    const key = [...t.written.keys()].find(k => k.endsWith(segment.id))!;
    await t.shared.delete(key);
    t.advance(LIST_TTL);
    const other = t.replica();
    expect(await other()).toEqual(deliveryFacts(t.history.entries));
    expect(t.history.pages).toBe(15);

    t.history.pages = 0;
    t.advance(TAIL_LIFETIME_MS);
    expect(await t.read()).toEqual(deliveryFacts(t.history.entries));
    expect(t.history.pages).toBe(15);
  });

  it('answers the facts of a moment ago when AWS throttles the refresh', async () => {
    const t = setup(finishedHistory(200));
    const first = await t.read();
    t.advance(LIST_TTL);
    t.history.fail = new ServiceUnavailableError('Throttled by AWS');
    expect(await t.read()).toEqual(first);

    t.history.fail = new Error('boom');
    await expect(t.read()).rejects.toThrow('boom');
  });
});
