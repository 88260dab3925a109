import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { decodeCursor, encodeCursor, SourcePosition } from './cursor';
import { HistorySource } from './HistorySource';
import { compareNewestFirst, mergeHistory } from './mergeHistory';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (minutesAgo: number) =>
  new Date(T0 - minutesAgo * 60_000).toISOString();

const entry = (
  id: string,
  minutesAgo: number,
  status: DeploymentSummary['status'] = 'SUCCEEDED',
): DeploymentSummary => ({
  id,
  kind: id.startsWith('pipeline:') ? 'pipeline' : 'codedeploy',
  environment: 'dev',
  status,
  awsStatus: 'x',
  startedAt: at(minutesAgo),
  trigger: { kind: 'unknown' },
  links: {},
});

/** A stream served in AWS-like pages of `pageSize`, newest first. */
function stream(
  key: string,
  entries: DeploymentSummary[],
  pageSize = 4,
): HistorySource {
  const all = [...entries].sort(compareNewestFirst);
  const byId = new Map(all.map(e => [e.id, e]));
  return {
    key,
    environment: 'dev',
    async list(token) {
      const start = token ? Number(token) : 0;
      const ids = all.slice(start, start + pageSize).map(e => e.id);
      const next = start + pageSize;
      return next < all.length ? { ids, nextToken: String(next) } : { ids };
    },
    async describe(_token, ids) {
      return ids.map(id => byId.get(id)!);
    },
    async describeEntries(ids) {
      return ids.flatMap(id => byId.get(id) ?? []);
    },
  };
}

/**
 * Twelve pipeline executions ten minutes apart; every other one started a
 * CodeDeploy deployment two minutes after it began. Console deployments
 * (no pipeline) in between. One execution (`pipeline:e09`) waited for an
 * approval: its deployment came after four newer executions had started.
 */
function fleet(options: { holderOf: boolean }) {
  const executions: DeploymentSummary[] = [];
  const deployments: DeploymentSummary[] = [];
  const started = new Map<string, string[]>();
  for (let i = 0; i < 12; i++) {
    const id = `pipeline:e${String(i).padStart(2, '0')}`;
    executions.push(entry(id, 10 * i + 5));
    if (i % 2 === 0) {
      const d = `codedeploy:d-E${i}`;
      deployments.push(
        entry(d, 10 * i + 3, i === 4 ? 'ROLLED_BACK' : 'SUCCEEDED'),
      );
      started.set(id, [d]);
    }
  }
  deployments.push(entry('codedeploy:d-APPROVED', 51));
  started.set('pipeline:e09', ['codedeploy:d-APPROVED']);
  for (let j = 0; j < 5; j++) {
    deployments.push(entry(`codedeploy:d-CONSOLE${j}`, 24 * j + 1));
  }
  const holderById = new Map(
    [...started].flatMap(([e, ds]) => ds.map(d => [d, e] as const)),
  );
  const pipeline = stream('dev:pipeline', executions);
  pipeline.holds = {
    heldBy: async items => items.map(i => started.get(i.id) ?? []),
    holderOf: async items =>
      items.map(i => (options.holderOf ? holderById.get(i.id) : undefined)),
  };
  delete pipeline.describeEntries;
  return {
    sources: [pipeline, stream('dev:codedeploy', deployments)],
    started,
  };
}

async function walk(
  sources: HistorySource[],
  limit: number,
  filter: (i: DeploymentSummary) => boolean = () => true,
) {
  const pages: DeploymentSummary[][] = [];
  let positions: Record<string, SourcePosition> = {};
  for (let n = 0; n < 50; n++) {
    const page = await mergeHistory({ sources, positions, limit, filter });
    pages.push(page.items);
    if (page.exhausted) break;
    // Positions travel through the opaque cursor, as over HTTP.
    positions = decodeCursor(
      encodeCursor({ filter: 'f', positions: page.positions }),
      'f',
    ).positions;
  }
  return pages;
}

describe('mergeHistory releases', () => {
  it.each([1, 2, 3, 5, 7, 25])(
    'shows each release once with its deployment inside, at page size %d',
    async limit => {
      const { sources, started } = fleet({ holderOf: true });
      const pages = await walk(sources, limit);
      const rows = pages.flat();
      const ids = rows.map(r => r.id);
      // 12 releases and 5 console deployments; the 7 held deployments
      // are no rows of their own.
      expect(ids).toHaveLength(17);
      expect(new Set(ids).size).toBe(17);
      expect(ids.filter(id => id.startsWith('codedeploy:'))).toEqual([
        'codedeploy:d-CONSOLE0',
        'codedeploy:d-CONSOLE1',
        'codedeploy:d-CONSOLE2',
        'codedeploy:d-CONSOLE3',
        'codedeploy:d-CONSOLE4',
      ]);
      for (const row of rows.filter(r => r.kind === 'pipeline')) {
        expect(row.deployments?.map(d => d.id)).toEqual(started.get(row.id));
      }
      // Newest first by the release's own start, across pages.
      expect([...rows].sort(compareNewestFirst)).toEqual(rows);
      // No page ends with nothing after it.
      expect(pages.slice(0, -1).every(p => p.length === limit)).toBe(true);
    },
  );

  it('keeps a release whole when its deployment is the last entry before a page break', async () => {
    const { sources } = fleet({ holderOf: true });
    // Newest first: d-CONSOLE0 (1), d-E0 (3), e00 (5): page 1 of two rows
    // passes over d-E0; page 2 starts with e00 holding it.
    const [first, second] = await walk(sources, 1);
    expect(first.map(r => r.id)).toEqual(['codedeploy:d-CONSOLE0']);
    expect(second.map(r => r.id)).toEqual(['pipeline:e00']);
    expect(second[0].deployments?.map(d => d.id)).toEqual(['codedeploy:d-E0']);
  });

  it('knows a deployment came from an execution further back (approval) only from holderOf', async () => {
    const withIndex = (await walk(fleet({ holderOf: true }).sources, 3)).flat();
    expect(withIndex.map(r => r.id)).not.toContain('codedeploy:d-APPROVED');
    expect(
      withIndex.find(r => r.id === 'pipeline:e09')?.deployments?.map(d => d.id),
    ).toEqual(['codedeploy:d-APPROVED']);

    // Without it, the executions in the buffer are all the merge knows of:
    // the deployment shows on its own as well as inside its release.
    const bufferOnly = (
      await walk(fleet({ holderOf: false }).sources, 3)
    ).flat();
    expect(bufferOnly.map(r => r.id)).toContain('codedeploy:d-APPROVED');
  });

  it('filters releases by their own status or their deployments’', async () => {
    const { sources } = fleet({ holderOf: true });
    const rows = (
      await walk(sources, 5, i => i.status === 'ROLLED_BACK')
    ).flat();
    expect(rows.map(r => r.id)).toEqual(['pipeline:e04']);
    expect(rows[0].status).toBe('SUCCEEDED');
    expect(rows[0].deployments?.[0]).toMatchObject({
      id: 'codedeploy:d-E4',
      status: 'ROLLED_BACK',
    });
  });
});
