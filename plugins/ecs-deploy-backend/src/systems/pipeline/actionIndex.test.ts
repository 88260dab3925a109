import {
  PipelineActionIndex,
  covers,
  pagesToReach,
  pipelineActionIndex,
} from './actionIndex';

const MINUTE = 60_000;
const index = (partial: Partial<PipelineActionIndex>): PipelineActionIndex => ({
  byExecution: {},
  moving: [],
  order: [],
  actions: 0,
  stages: {},
  ...partial,
});

describe('pipeline action index', () => {
  const partial = index({
    byExecution: { e3: ['codedeploy:d-3'], e2: [], e1: ['codedeploy:d-1'] },
    order: ['e3', 'e2', 'e1'],
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

  it('estimates the pages to reach back in time from the pace so far', () => {
    // 100 actions per 100 minutes: 50 minutes further is half a page.
    expect(pagesToReach(partial, 50 * MINUTE)).toBe(1);
    expect(pagesToReach(partial, -250 * MINUTE)).toBe(4);
    expect(pagesToReach(partial, 150 * MINUTE)).toBe(0);
    expect(pagesToReach(index({}), 0)).toBe(0);
  });
});

describe('pipelineActionIndex over a list page', () => {
  it('records the time span of the actions read, for the pace estimate', async () => {
    const at = (minute: number) => new Date(minute * MINUTE);
    const actions = [3, 2, 1].map(minute => ({
      pipelineExecutionId: `e${minute}`,
      startTime: at(minute),
      status: 'Succeeded',
    }));
    const ctx = {
      aws: {
        codePipeline: {
          recentActionPage: async () => ({ actions, nextToken: 'more' }),
        },
      },
      cache: {
        get: async (_key: string, load: () => Promise<unknown>) => load(),
      },
    } as any;
    const result = await pipelineActionIndex(ctx, {
      arn: 'arn:aws:codepipeline:eu-west-1:111111111111:p',
      name: 'p',
      accountId: '111111111111',
      region: 'eu-west-1',
    } as any);
    expect(result).toMatchObject({
      oldestStart: 1 * MINUTE,
      newestStart: 3 * MINUTE,
      actions: 3,
      order: ['e3', 'e2', 'e1'],
    });
  });
});
