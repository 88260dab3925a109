import { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { ClassedCache } from '../../cache/ClassedCache';
import { ReadCache } from '../../cache/ReadCache';
import { ReadContext } from '../../reads/ReadContext';
import {
  PipelineActionIndex,
  covers,
  deploymentsOfExecution,
  executionOfDeployment,
  pagesToReach,
  pipelineActionIndex,
} from './actionIndex';

const MINUTE = 60_000;
const index = (partial: Partial<PipelineActionIndex>): PipelineActionIndex => ({
  parts: [],
  moving: [],
  actions: 0,
  stages: {},
  ...partial,
});

const pipeline = {
  arn: 'arn:aws:codepipeline:eu-west-1:111111111111:p',
  name: 'p',
  accountId: '111111111111',
  region: 'eu-west-1',
} as any;

describe('pipeline action index', () => {
  const partial = index({
    parts: [{ e3: ['codedeploy:d-3'], e2: [] }, { e1: ['codedeploy:d-1'] }],
    last: 'e1',
    nextToken: 'more',
    oldestStart: 100 * MINUTE,
    newestStart: 200 * MINUTE,
    actions: 100,
  });

  it('covers every execution once all actions were read', () => {
    expect(covers(index({}), 'anything', undefined)).toBe(true);
  });

  it('covers listed executions except the last one, whose actions may go on', () => {
    expect(covers(partial, 'e3', undefined)).toBe(true);
    expect(covers(partial, 'e1', undefined)).toBe(false);
  });

  it('covers an unlisted execution only if it started after the oldest action read', () => {
    const at = (minute: number) => new Date(minute * MINUTE).toISOString();
    expect(covers(partial, 'e9', at(150))).toBe(true);
    expect(covers(partial, 'e0', at(50))).toBe(false);
    expect(covers(partial, 'e0', undefined)).toBe(false);
  });

  it('finds links in every part, both ways', () => {
    expect(deploymentsOfExecution(partial, 'e1')).toEqual(['codedeploy:d-1']);
    expect(deploymentsOfExecution(partial, 'e2')).toEqual([]);
    expect(executionOfDeployment(partial, 'codedeploy:d-1')).toBe('e1');
    expect(executionOfDeployment(partial, 'codedeploy:d-9')).toBeUndefined();
  });

  it('estimates the pages to reach back in time from the pace so far', () => {
    // 100 actions per 100 minutes: 50 minutes further is half a page.
    expect(pagesToReach(partial, 50 * MINUTE)).toBe(1);
    expect(pagesToReach(partial, -250 * MINUTE)).toBe(4);
    expect(pagesToReach(partial, 150 * MINUTE)).toBe(0);
    expect(pagesToReach(index({}), 0)).toBe(0);
  });
});

describe('pipelineActionIndex over list pages', () => {
  const at = (minute: number) => new Date(minute * MINUTE);
  /** Execution `e<n>`'s actions, newest first: its source, then its deploy (`d-<n>`). */
  const executionActions = (
    n: number,
    deployStatus: 'Succeeded' | 'InProgress' = 'Succeeded',
  ): ActionExecutionDetail[] => [
    {
      pipelineExecutionId: `e${n}`,
      stageName: 'Deploy',
      actionName: 'Deploy',
      startTime: at(n + 0.5),
      status: deployStatus,
      output: { executionResult: { externalExecutionId: `d-${n}` } },
      input: { actionTypeId: { provider: 'CodeDeployToECS' } as any },
    },
    {
      pipelineExecutionId: `e${n}`,
      stageName: 'Source',
      actionName: 'Source',
      startTime: at(n),
      status: 'Succeeded',
    },
  ];
  /** 10 pages of 10 executions, 2 actions each (the second a deploy), newest first. */
  const pages = Array.from({ length: 10 }, (_, page) => ({
    actions: Array.from({ length: 10 }, (__, i) =>
      executionActions(100 - (page * 10 + i)),
    ).flat(),
    nextToken: page < 9 ? `t${page + 1}` : undefined,
  }));
  const tokenPage = (token: string | undefined) =>
    pages[token ? Number(token.slice(1)) : 0];

  const TTL = {
    active: 5_000,
    finished: 3_600_000,
    list: 15_000,
    resolution: 600_000,
  };

  /**
   * A shared cache, and a process reading through it (its own memory).
   * `clock.now` is the backend's, `clock.aws` AWS's (by default just after
   * the newest action of the pages).
   */
  function context(clock: { now: number; aws?: number } = { now: 0 }) {
    const reads: Array<string | undefined> = [];
    const writes: Array<{ key: string; bytes: number }> = [];
    const store = new Map<string, unknown>();
    const shared = {
      get: async (key: string) => store.get(key),
      set: async (key: string, value: unknown) => {
        writes.push({ key, bytes: JSON.stringify(value).length });
        store.set(key, value);
      },
      delete: async (key: string) => {
        store.delete(key);
      },
    } as any;
    const process = (): ReadContext =>
      ({
        aws: {
          now: () => new Date(clock.aws ?? 101 * MINUTE),
          codePipeline: {
            recentActionPage: async (_p: unknown, token?: string) => {
              reads.push(token);
              return tokenPage(token);
            },
          },
        },
        cache: new ClassedCache(
          new ReadCache(shared, { now: () => clock.now }),
          TTL,
        ),
      } as unknown as ReadContext);
    return { ctx: process(), process, reads, writes, store };
  }

  it('records the time span of the actions read, for the pace estimate', async () => {
    const { ctx } = context();
    const result = await pipelineActionIndex(ctx, pipeline);
    expect(result).toMatchObject({
      oldestStart: 91 * MINUTE,
      newestStart: 100.5 * MINUTE,
      actions: 20,
      last: 'e91',
      nextToken: 't1',
    });
  });

  it('reads further back page by page, writing each page once, not the whole index again', async () => {
    const { ctx, process, reads, writes } = context();
    await pipelineActionIndex(ctx, pipeline);
    for (let n = 85; n > 0; n -= 10) {
      const found = await pipelineActionIndex(ctx, pipeline, [
        { executionId: `e${n}`, startedAt: at(n).toISOString() },
      ]);
      expect(deploymentsOfExecution(found, `e${n}`)).toEqual([
        `codedeploy:d-${n}`,
      ]);
    }
    expect(reads).toEqual([
      undefined,
      ...pages.slice(1).map((_, i) => `t${i + 1}`),
    ]);
    // The head stays the size of its first page (plus a part count); every
    // later page is written once, as a part of its own.
    const heads = writes.filter(w => !w.key.includes(':part:'));
    const parts = writes.filter(w => w.key.includes(':part:'));
    expect(parts).toHaveLength(9);
    expect(new Set(parts.map(p => p.key)).size).toBe(9);
    expect(Math.max(...heads.map(h => h.bytes))).toBeLessThan(
      2 * heads[0].bytes,
    );

    // Another process (nothing in its memory) finds every part.
    const again = await pipelineActionIndex(process(), pipeline, [
      { executionId: 'e3', startedAt: at(3).toISOString() },
    ]);
    expect(executionOfDeployment(again, 'codedeploy:d-3')).toBe('e3');
    expect(executionOfDeployment(again, 'codedeploy:d-99')).toBe('e99');
    expect(reads).toHaveLength(10);
  });

  it('starts over from the first page when a part the head names is gone', async () => {
    const { ctx, process, reads, store } = context();
    await pipelineActionIndex(ctx, pipeline, [
      { executionId: 'e85', startedAt: at(85).toISOString() },
    ]);
    expect(reads).toEqual([undefined, 't1']);
    // Another process, whose shared cache lost the part.
    for (const key of [...store.keys()]) {
      if (key.includes(':part:')) store.delete(key);
    }
    const found = await pipelineActionIndex(process(), pipeline);
    expect(reads).toEqual([undefined, 't1', undefined]);
    expect(found.parts).toHaveLength(1);
    expect(deploymentsOfExecution(found, 'e85')).toEqual([]);
  });

  it('stops at the end of the listing, and does not read the first page again', async () => {
    const { ctx, reads } = context();
    await pipelineActionIndex(ctx, pipeline);
    const found = await pipelineActionIndex(
      ctx,
      pipeline,
      [{ executionId: 'e0', startedAt: at(0).toISOString() }],
      { maxExtraPages: 20 },
    );
    expect(reads).toEqual([
      undefined,
      ...pages.slice(1).map((_, i) => `t${i + 1}`),
    ]);
    expect(found.nextToken).toBeUndefined();
    expect(covers(found, 'e0', at(0).toISOString())).toBe(true);
  });

  describe('when the head is read again', () => {
    const wanted85 = [{ executionId: 'e85', startedAt: at(85).toISOString() }];
    /** A new execution, its deploy under way, as the first page lists it. */
    const newer = (n: number) => executionActions(n, 'InProgress');
    const first = pages[0];
    afterEach(() => {
      pages[0] = first;
    });

    it('keeps the chain behind it: the pages it named are not read again', async () => {
      const clock = { now: 0 };
      const { ctx, reads } = context(clock);
      await pipelineActionIndex(ctx, pipeline, wanted85);
      expect(reads).toEqual([undefined, 't1']);

      // A new execution, then the head's lifetime passes.
      pages[0] = { ...first, actions: [...newer(101), ...first.actions] };
      clock.now += TTL.list + 1;
      const found = await pipelineActionIndex(ctx, pipeline, wanted85);
      expect(reads).toEqual([undefined, 't1', undefined]);
      expect(deploymentsOfExecution(found, 'e101')).toEqual([
        'codedeploy:d-101',
      ]);
      expect(deploymentsOfExecution(found, 'e85')).toEqual(['codedeploy:d-85']);
      expect(found.moving).toEqual(['e101']);
      // The listing goes on where the chain ended.
      expect(found).toMatchObject({ last: 'e81', nextToken: 't2' });
    });

    it('reads it again for an execution that started after it was read, before its lifetime ends', async () => {
      const clock = { now: 0, aws: 101 * MINUTE };
      const { ctx, reads } = context(clock);
      await pipelineActionIndex(ctx, pipeline, wanted85);
      expect(reads).toEqual([undefined, 't1']);

      // The pipeline starts again a minute later (outside the portal), well
      // within the head's lifetime; what lists its executions asks for it.
      pages[0] = { ...first, actions: [...newer(102), ...first.actions] };
      clock.now += 60_000 / 10;
      clock.aws = 102.1 * MINUTE;
      const wanted102 = [
        { executionId: 'e102', startedAt: at(102).toISOString() },
      ];
      const found = await pipelineActionIndex(ctx, pipeline, wanted102);
      expect(reads).toEqual([undefined, 't1', undefined]);
      expect(deploymentsOfExecution(found, 'e102')).toEqual([
        'codedeploy:d-102',
      ]);
      // Read after it started: not again, even for an execution it cannot list.
      clock.aws = 103 * MINUTE;
      await pipelineActionIndex(ctx, pipeline, wanted102);
      await pipelineActionIndex(ctx, pipeline, [
        { executionId: 'e103', startedAt: at(100.2).toISOString() },
      ]);
      expect(reads).toEqual([undefined, 't1', undefined]);
    });

    it('starts over when the new first page does not reach what the old head read', async () => {
      const clock = { now: 0 };
      const { ctx, reads } = context(clock);
      await pipelineActionIndex(ctx, pipeline, wanted85);
      // More new actions than a page: a gap between the page and the chain.
      pages[0] = {
        actions: Array.from({ length: 10 }, (_, i) => newer(200 - i)).flat(),
        nextToken: 't1',
      };
      clock.now += TTL.list + 1;
      const found = await pipelineActionIndex(ctx, pipeline);
      expect(reads).toEqual([undefined, 't1', undefined]);
      expect(found.parts).toHaveLength(1);
      expect(deploymentsOfExecution(found, 'e85')).toEqual([]);
    });
  });
});
