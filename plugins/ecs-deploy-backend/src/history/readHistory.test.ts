import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { ReadContext } from '../reads/ReadContext';
import { decodeCursor, encodeCursor } from './cursor';
import { HistorySource } from './HistorySource';
import {
  historyFilterKey,
  historyPageRequest,
  readHistory,
} from './readHistory';

const env: ResolvedEnvironment = {
  name: 'dev',
  accountId: '111111111111',
  region: 'eu-west-1',
};

const entry = (id: string, minute: number): DeploymentSummary => ({
  id: `ecs:${id}`,
  kind: 'ecs',
  environment: 'dev',
  status: 'SUCCEEDED',
  awsStatus: 'SUCCESSFUL',
  startedAt: `2024-06-10T09:0${minute}:00Z`,
  trigger: { kind: 'user' },
  links: {},
});

const devStream: HistorySource = {
  key: 'dev:ecs',
  list: async () => ({ ids: ['c', 'b', 'a'] }),
  describe: async (_token, ids) =>
    ids.map(id => entry(id, { a: 1, b: 2, c: 3 }[id]!)),
};

describe('readHistory', () => {
  it("keeps the cursor's place of a stream it did not read this time", async () => {
    const options = { limit: 1 };
    const filter = historyFilterKey(options);
    const prodPlace = { token: 'page-2', offset: 4 };
    const page = await readHistory(
      {} as ReadContext,
      [{ env }],
      historyPageRequest({
        ...options,
        cursor: encodeCursor({ filter, positions: { 'prod:ecs': prodPlace } }),
      }),
      () => [devStream],
    );
    expect(page.items.map(i => i.id)).toEqual(['ecs:c']);
    expect(decodeCursor(page.nextCursor!, filter).positions).toEqual({
      'prod:ecs': prodPlace,
      'dev:ecs': { offset: 1 },
    });
  });
});
