import { mockCredentials } from '@backstage/backend-test-utils';
import type { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { fork } from 'node:child_process';
import { BackendUnderTest, entityPath } from '../backendUnderTest';
import { summarize, LatencySummary } from '../stats';
import { ViewerJob, ViewerReport } from './viewerProcess';

export interface ViewersResult {
  label: string;
  viewers: number;
  entities: number;
  durationS: number;
  requests: number;
  /** AWS calls the sandbox served during the run, per second */
  awsCallsPerSecond: number;
  awsCalls: number;
  /** calls the sandbox answered with an error (throttling when injected) */
  awsThrottled: number;
  latency: LatencySummary;
  /** HTTP status -> count (0 = no answer) */
  statuses: Record<string, number>;
  /** requests not answered 200 */
  errors: number;
  /** the busiest AWS operations */
  topOperations: Record<string, number>;
}

/** Runs the viewers in a forked process and waits for its report. */
function forkViewers(job: ViewerJob): Promise<ViewerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(require.resolve('./viewerProcess'), [], {
      execArgv: [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
    });
    // The node transform also talks over IPC (`{ type: 'watch' }`): skip that.
    child.on('message', message => {
      if ((message as ViewerReport)?.latencies)
        resolve(message as ViewerReport);
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`viewer process exited with ${code}`));
    });
    child.send(job);
  });
}

/**
 * `viewers` simulated people on `names`' entity pages (see viewerProcess),
 * with the AWS calls the sandbox served meanwhile.
 */
export async function runViewers(options: {
  label: string;
  sb: RunningSandbox;
  backend: BackendUnderTest;
  names: string[];
  viewers: number;
  durationMs: number;
  intervalMs: number;
}): Promise<ViewersResult> {
  const { sb, backend, names, viewers, durationMs, intervalMs } = options;
  sb.callLog.reset();
  const report = await forkViewers({
    baseUrl: backend.baseUrl,
    authorization: mockCredentials.user.header(),
    paths: names.map(entityPath),
    viewers,
    durationMs,
    intervalMs,
  });
  const elapsedS = report.elapsedMs / 1000;
  const { latencies, statuses } = report;
  const counts = sb.callLog.counts();
  // Every AWS error answer (the throttling ones when faults are on).
  const throttled = sb.callLog.entries().filter(e => e.status >= 400).length;
  const top = Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6);
  return {
    label: options.label,
    viewers,
    entities: names.length,
    durationS: Math.round(elapsedS),
    requests: latencies.length,
    awsCalls: sb.callLog.total(),
    awsCallsPerSecond: Math.round((sb.callLog.total() / elapsedS) * 10) / 10,
    awsThrottled: throttled,
    latency: summarize(latencies),
    statuses,
    errors: latencies.length - (statuses['200'] ?? 0),
    topOperations: Object.fromEntries(top),
  };
}
