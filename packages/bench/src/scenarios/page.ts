import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ecsDeploySignalChannel } from '@ecs-deploy/plugin-ecs-deploy-common';
import type { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { ChildProcess, fork } from 'node:child_process';
import { entityPath } from '../backendUnderTest';
import { BenchSubject } from '../fleet';
import { LatencySummary, summarize } from '../stats';
import {
  PageViewerJob,
  PageViewerMessage,
  PageViewerReport,
} from './pageViewerProcess';
import { ReplicaJob, ReplicaMessage, ReplicaReport } from './replicaProcess';

/** One run of the page mode: viewers replaying the tabs on N replicas. */
export interface PageRunResult {
  label: string;
  replicas: number;
  viewers: number;
  entities: number;
  durationS: number;
  requests: number;
  /** a whole tab load: every wave of its opening */
  pageLoad: LatencySummary;
  request: LatencySummary;
  /** the same over the first 10 s after the replicas started */
  firstTenSeconds: { pageLoad: LatencySummary; request: LatencySummary };
  /** answers other than 200 to reads, by status (0 = no answer) */
  notOk: Record<string, number>;
  notOkSamples: PageViewerReport['notOkSamples'];
  awsCalls: number;
  awsCallsPerSecond: number;
  /**
   * The rate once the first 10 s are past: every entity's first load (a
   * cold cache) falls in those, the steady state after them.
   */
  awsCallsPerSecondAfterTenSeconds: number;
  /** made by the replicas before they reported ready (the warm-up at start), not in the rates */
  awsCallsAtStart: number;
  /** the worst replica's */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  cpuMsPerRequest: number;
  /** per replica: which one ran the watcher shows here */
  signalsPublished: number[];
  signalsDelivered: number;
  signalReads: number;
  topOperations: Record<string, number>;
  /** the same for the first 10 s: what the rate over the whole run adds */
  topOperationsFirstTenSeconds: Record<string, number>;
}

const nodeTransform = () =>
  require.resolve('@backstage/cli/config/nodeTransform.cjs');

function forkWorker(file: string): ChildProcess {
  return fork(require.resolve(file), [], { execArgv: ['-r', nodeTransform()] });
}

/** Resolves with the first message `pick` accepts; rejects if the child dies first. */
function nextMessage<T>(
  child: ChildProcess,
  pick: (message: any) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const picked = pick(message);
      if (picked !== undefined) {
        child.off('message', onMessage);
        resolve(picked);
      }
    };
    child.on('message', onMessage);
    child.once('exit', code => reject(new Error(`worker exited with ${code}`)));
  });
}

/**
 * `viewers` replaying the frontend's tabs on `subjects`, spread over
 * `replicas` backend processes that share `config` (one PostgreSQL and one
 * Redis for more than one), each started just before the viewers arrive.
 */
export async function runPage(options: {
  label: string;
  sb: RunningSandbox;
  subjects: BenchSubject[];
  replicas: number;
  /** root config of every replica: the shared database and cache */
  config: Record<string, unknown>;
  viewers: number;
  durationMs: number;
  intervalMs: number;
  trafficEvery: number;
  /** entities each replica reads the tabs of at start (`ecsDeploy.warmEntitiesOnStart`) */
  warmEntities: number;
}): Promise<PageRunResult> {
  const { sb, subjects } = options;
  const job: ReplicaJob = {
    endpoint: sb.url,
    entities: subjects.map(s => s.entity),
    extraConfig: options.config,
    ecsDeploy: {
      notifications: { enabled: false },
      warmEntitiesOnStart: options.warmEntities,
    },
  };
  const workers = Array.from({ length: options.replicas }, () =>
    forkWorker('./replicaProcess'),
  );
  const viewers = forkWorker('./pageViewerProcess');
  try {
    // Signals from any replica reach every viewer, as the signals backend
    // fans them out over the events bus.
    const signalChannels = new Set(
      subjects.map(s => ecsDeploySignalChannel(stringifyEntityRef(s.entity))),
    );
    for (const worker of workers) {
      worker.on('message', (message: ReplicaMessage) => {
        if (message.type !== 'signal' || !signalChannels.has(message.channel))
          return;
        const relayed: PageViewerMessage = {
          type: 'signal',
          channel: message.channel,
          message: message.message,
        };
        viewers.send(relayed);
      });
    }
    const startReplica = (worker: ChildProcess) => {
      const ready = nextMessage(worker, (m: ReplicaMessage) =>
        m.type === 'ready' ? m.baseUrl : undefined,
      );
      worker.send(job);
      return ready;
    };
    // What the replicas read at start (their warm-up), apart from the run.
    sb.callLog.reset();
    // The first replica alone migrates a new database (Backstage's
    // scheduler tables race when replicas create them at once); the others
    // start together, as pods of a deployment do.
    const [firstWorker, ...otherWorkers] = workers;
    const baseUrls = [
      await startReplica(firstWorker),
      ...(await Promise.all(otherWorkers.map(startReplica))),
    ];
    const awsCallsAtStart = sb.callLog.total();
    sb.callLog.reset();
    const viewersStartAt = Date.now();
    const viewerJob: PageViewerJob = {
      replicas: baseUrls,
      authorization: mockCredentials.user.header(),
      pages: subjects.map(s => ({
        entityRef: stringifyEntityRef(s.entity),
        path: entityPath(s.name),
        environments: Object.keys(s.services),
      })),
      viewers: options.viewers,
      durationMs: options.durationMs,
      intervalMs: options.intervalMs,
      trafficEvery: options.trafficEvery,
    };
    const viewerReport = nextMessage(viewers, m =>
      m?.type === 'report' ? (m.report as PageViewerReport) : undefined,
    );
    viewers.send(viewerJob);
    const report = await viewerReport;
    const awsCalls = sb.callLog.total();
    const counts = sb.callLog.counts();
    const isLate = (entry: { at: string }) =>
      Date.parse(entry.at) >= viewersStartAt + 10_000;
    const entries = sb.callLog.entries();
    const lateCalls = entries.filter(isLate).length;
    const earlyCounts: Record<string, number> = {};
    for (const entry of entries) {
      if (!isLate(entry))
        earlyCounts[entry.key] = (earlyCounts[entry.key] ?? 0) + 1;
    }
    const replicaReports = await Promise.all(
      workers.map(worker => {
        const reported = nextMessage(worker, (m: ReplicaMessage) =>
          m.type === 'report' ? m.report : undefined,
        );
        worker.send({ type: 'stop' });
        return reported;
      }),
    );
    return summarizeRun(
      { ...options, entities: subjects.length },
      report,
      replicaReports,
      { total: awsCalls, afterTenSeconds: lateCalls, atStart: awsCallsAtStart },
      counts,
      earlyCounts,
    );
  } finally {
    for (const child of [...workers, viewers]) {
      if (child.exitCode === null) child.kill();
    }
  }
}

function summarizeRun(
  options: {
    label: string;
    replicas: number;
    viewers: number;
    entities: number;
  },
  report: PageViewerReport,
  replicas: ReplicaReport[],
  calls: { total: number; afterTenSeconds: number; atStart: number },
  counts: Record<string, number>,
  earlyCounts: Record<string, number>,
): PageRunResult {
  const awsCalls = calls.total;
  const elapsedS = report.elapsedMs / 1000;
  const early = <T extends { atMs: number }>(xs: T[]) =>
    xs.filter(x => x.atMs < 10_000);
  const notOk: Record<string, number> = {};
  for (const r of report.requests) {
    if (r.status !== 200) notOk[r.status] = (notOk[r.status] ?? 0) + 1;
  }
  const served = replicas.reduce((n, r) => n + r.requests, 0);
  const cpuMs = replicas.reduce((n, r) => n + r.cpuMs, 0);
  return {
    label: options.label,
    replicas: options.replicas,
    viewers: options.viewers,
    entities: options.entities,
    durationS: Math.round(elapsedS),
    requests: report.requests.length,
    pageLoad: summarize(report.pageLoads.map(p => p.ms)),
    request: summarize(report.requests.map(r => r.ms)),
    firstTenSeconds: {
      pageLoad: summarize(early(report.pageLoads).map(p => p.ms)),
      request: summarize(early(report.requests).map(r => r.ms)),
    },
    notOk,
    notOkSamples: report.notOkSamples,
    awsCalls,
    awsCallsPerSecond: Math.round((awsCalls / elapsedS) * 10) / 10,
    awsCallsAtStart: calls.atStart,
    awsCallsPerSecondAfterTenSeconds:
      elapsedS > 10
        ? Math.round((calls.afterTenSeconds / (elapsedS - 10)) * 10) / 10
        : NaN,
    eventLoopDelayP99Ms: Math.max(...replicas.map(r => r.eventLoopDelayP99Ms)),
    eventLoopDelayMaxMs: Math.max(...replicas.map(r => r.eventLoopDelayMaxMs)),
    cpuMsPerRequest: served ? Math.round((cpuMs / served) * 100) / 100 : NaN,
    signalsPublished: replicas.map(r => r.signalsPublished),
    signalsDelivered: report.signalsReceived,
    signalReads: report.signalReads,
    topOperations: topOf(counts),
    topOperationsFirstTenSeconds: topOf(earlyCounts),
  };
}

function topOf(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 6),
  );
}
