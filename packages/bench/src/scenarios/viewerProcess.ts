/*
 * The simulated viewers, run in a process of their own (forked by
 * viewers.ts) so that generating the load does not compete with the backend
 * for its event loop: on two cores the backend and the sandbox get one, the
 * viewers the other.
 */

export interface ViewerJob {
  baseUrl: string;
  authorization: string;
  paths: string[];
  viewers: number;
  durationMs: number;
  intervalMs: number;
}

export interface ViewerReport {
  latencies: number[];
  statuses: Record<string, number>;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Each viewer sits on one entity page (round robin over `paths`) and polls
 * like the Deployments and Traffic tabs: the overview and history page 1
 * every `intervalMs`, and the traffic view too while the overview says a
 * deployment is in progress. A poll never overlaps the next (as the
 * frontend's usePolling); start times are spread over one interval.
 */
export async function runViewerJob(job: ViewerJob): Promise<ViewerReport> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const get = async (path: string) => {
    const started = performance.now();
    let status = 0;
    let body: any;
    try {
      const response = await fetch(`${job.baseUrl}${path}`, {
        headers: { authorization: job.authorization },
      });
      status = response.status;
      body = await response.json().catch(() => undefined);
    } catch {
      status = 0;
    }
    latencies.push(performance.now() - started);
    statuses[status] = (statuses[status] ?? 0) + 1;
    return body;
  };
  const started = Date.now();
  const end = started + job.durationMs;
  const viewer = async (i: number) => {
    const base = job.paths[i % job.paths.length];
    await sleep((i / job.viewers) * job.intervalMs);
    while (Date.now() < end) {
      const tick = Date.now();
      const [overview] = await Promise.all([
        get(`${base}/environments`),
        get(`${base}/history?limit=25`),
      ]);
      const moving = (overview?.environments ?? []).some(
        (e: any) => e.deploymentInProgress,
      );
      if (moving) await get(`${base}/traffic`);
      await sleep(Math.max(0, tick + job.intervalMs - Date.now()));
    }
  };
  await Promise.all(Array.from({ length: job.viewers }, (_, i) => viewer(i)));
  return { latencies, statuses, elapsedMs: Date.now() - started };
}

if (require.main === module) {
  process.once('message', async (job: ViewerJob) => {
    const report = await runViewerJob(job);
    process.send!(report, () => process.exit(0));
  });
}
