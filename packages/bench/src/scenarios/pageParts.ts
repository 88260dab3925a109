import { advanceSandbox, RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { startFleetSandbox, subjectsOf, BenchSubject } from '../fleet';
import { table } from '../report';
import { PageRunResult, runPage } from './page';
import {
  resetSharedStores,
  SharedStores,
  sharedStoresConfig,
} from './sharedStores';

const FLEET_ACCOUNT = { accountId: '333333333333', region: 'eu-west-1' };
/**
 * At AWS's own pace a deployment's tasks take about a minute to start, most
 * of a run: the deployments are moved on to their first traffic step first.
 */
const TO_FIRST_STEP_MS = 2 * 60_000;

export interface PagePartsOptions {
  latencyMs: number;
  entities: number;
  inProgress: number;
  deploymentsPerService: number;
  viewers: number;
  fewViewers: number;
  durationS: number;
  intervalMs: number;
  replicaCounts: number[];
  /** entities each replica reads the tabs of at start */
  warmEntities: number;
  /** AWS seconds per real second of the sandbox */
  awsSpeed: number;
  stores: SharedStores;
  parts: Set<string>;
  log: (message: string) => void;
}

/**
 * Starts a deployment shifting traffic 10% a minute (of sandbox time) on
 * each of `moving`, through its pipeline, after settling whatever the
 * previous run left moving; at AWS's pace, up to its first traffic step.
 */
async function startMoving(
  sb: RunningSandbox,
  moving: BenchSubject[],
  awsSpeed: number,
) {
  advanceSandbox(sb, 2 * 60 * 60_000, 60_000);
  for (const subject of moving) {
    await sb.invoke(
      'codedeploy',
      'UpdateDeploymentGroup',
      {
        applicationName: `${subject.name}-prod`,
        currentDeploymentGroupName: `${subject.name}-prod-dg`,
        deploymentConfigName:
          'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      },
      FLEET_ACCOUNT,
    );
    await sb.invoke(
      'codepipeline',
      'StartPipelineExecution',
      { name: `${subject.name}-prod` },
      FLEET_ACCOUNT,
    );
  }
  if (awsSpeed <= 1) advanceSandbox(sb, TO_FIRST_STEP_MS);
}

/** What the runs' first answers other than 200 said. */
function notOkLines(runs: PageRunResult[]): string[] {
  return runs.flatMap(r =>
    r.notOkSamples.map(
      x => `- ${r.label}: ${x.status} on ${x.path}: ${x.body.slice(0, 300)}`,
    ),
  );
}

export function pageTable(runs: PageRunResult[]): string {
  const ms = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '-');
  return table(
    [
      'run',
      'replicas',
      'viewers',
      'requests',
      'AWS calls at start',
      'AWS calls/s: run / after the first 10 s',
      'tab load p50 / p95 / p99 ms',
      'request p50 / p95 / p99 ms',
      'first 10 s: request p95 / p99 ms',
      'event-loop delay p99 / max ms',
      'CPU ms per request',
      'signals published (per replica)',
      'signal reads',
      'not 200',
    ],
    runs.map(r => [
      r.label,
      r.replicas,
      r.viewers,
      r.requests,
      r.awsCallsAtStart,
      `${r.awsCallsPerSecond} / ${r.awsCallsPerSecondAfterTenSeconds}`,
      `${ms(r.pageLoad.p50)} / ${ms(r.pageLoad.p95)} / ${ms(r.pageLoad.p99)}`,
      `${ms(r.request.p50)} / ${ms(r.request.p95)} / ${ms(r.request.p99)}`,
      `${ms(r.firstTenSeconds.request.p95)} / ${ms(
        r.firstTenSeconds.request.p99,
      )}`,
      `${r.eventLoopDelayP99Ms} / ${r.eventLoopDelayMaxMs}`,
      r.cpuMsPerRequest,
      r.signalsPublished.join(' + '),
      r.signalReads,
      JSON.stringify(r.notOk),
    ]),
  );
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/**
 * The page mode (one replica, the default stores, few and many viewers) and
 * the replicas part (1, 2, 4 replicas on one PostgreSQL and one Redis, many
 * viewers), on a fleet of their own with deployments shifting traffic.
 */
export async function runPageParts(options: PagePartsOptions) {
  const { log } = options;
  log(`seeding ${options.entities} services for the page mode`);
  const sb = await startFleetSandbox(
    {
      services: options.entities,
      deploymentsPerService: options.deploymentsPerService,
      bigEntityDeployments: 0,
    },
    options.latencyMs,
    options.awsSpeed,
  );
  const subjects = subjectsOf(sb);
  const moving = subjects.slice(0, options.inProgress);
  const common = {
    sb,
    subjects,
    durationMs: options.durationS * 1000,
    intervalMs: options.intervalMs,
    trafficEvery: 4,
    warmEntities: options.warmEntities,
  };
  const results: Record<string, unknown> = {};
  const markdown: string[] = [];
  const describe = `${subjects.length} entities, ${
    moving.length
  } shifting traffic 10% per AWS minute (sandbox at ${options.awsSpeed}x${
    options.awsSpeed <= 1 ? ', from their first traffic step' : ''
  }), every viewer reloads its tab every ${options.intervalMs} ms for ${
    options.durationS
  } s (one in 4 on Traffic, the others on Deployments) and makes the tab's signal reads; each run on replicas started just before the viewers, each of which read the tabs of up to ${
    options.warmEntities
  } entities at start (\`warmEntitiesOnStart\`) before it reported ready`;
  try {
    if (options.parts.has('page')) {
      const runs: PageRunResult[] = [];
      for (const viewers of [options.fewViewers, options.viewers]) {
        await startMoving(sb, moving, options.awsSpeed);
        log(`  page mode: ${viewers} viewers on a fresh backend`);
        runs.push(
          await runPage({
            ...common,
            label: `page, ${viewers} viewers`,
            replicas: 1,
            config: {},
            viewers,
          }),
        );
      }
      // The same fleet at rest: what viewers cost when nothing moves.
      advanceSandbox(sb, 2 * 60 * 60_000, 60_000);
      log(`  page mode: ${options.viewers} viewers, nothing moving`);
      runs.push(
        await runPage({
          ...common,
          label: `page, ${options.viewers} viewers, nothing moving`,
          replicas: 1,
          config: {},
          viewers: options.viewers,
        }),
      );
      const [few, many] = runs;
      const manyToFew = ratio(many.awsCallsPerSecond, few.awsCallsPerSecond);
      results.page = { runs, awsCallsRatioManyToFew: manyToFew };
      markdown.push(
        `## 6. Page mode: what the tabs load, on a backend that has just started (${describe}; SQLite in memory, in-process cache)`,
        pageTable(runs),
        ...notOkLines(runs),
        `AWS calls per second, ${many.viewers} / ${few.viewers} viewers: **${manyToFew}**`,
      );
    }
    if (options.parts.has('replicas')) {
      const runs: PageRunResult[] = [];
      for (const replicas of options.replicaCounts) {
        await resetSharedStores(options.stores);
        await startMoving(sb, moving, options.awsSpeed);
        log(`  replicas: ${replicas} x ${options.viewers} viewers`);
        runs.push(
          await runPage({
            ...common,
            label: `${replicas} replica${replicas > 1 ? 's' : ''}`,
            replicas,
            config: sharedStoresConfig(options.stores),
            viewers: options.viewers,
          }),
        );
      }
      const [one] = runs;
      const last = runs[runs.length - 1];
      const lastToOne = ratio(last.awsCallsPerSecond, one.awsCallsPerSecond);
      results.replicas = { runs, awsCallsRatioMostToOne: lastToOne };
      markdown.push(
        `## 7. Replicas on one PostgreSQL and one Redis (${describe})`,
        pageTable(runs),
        ...notOkLines(runs),
        `AWS calls per second, ${last.replicas} replica(s) / 1 replica: **${lastToOne}** (1.0 = independent of replicas)`,
      );
    }
  } finally {
    await sb.close();
  }
  return { results, markdown };
}
