/*
 * Viewers that replay exactly what the frontend's tabs read
 * (`ecsDeployPageReads`, held to the tabs by the frontend's tests), run in
 * a process of their own (forked by page.ts). Each viewer reloads its tab
 * every interval, and makes the tab's signal reads when the parent hands it
 * a signal for its entity.
 */
import {
  EcsDeployPageRead,
  FRESH_READ_HEADER,
  ecsDeployPageReads,
} from '@ecs-deploy/plugin-ecs-deploy-common';

export interface PageViewerJob {
  /** one base URL per replica; viewer i talks to replica i mod N */
  replicas: string[];
  authorization: string;
  pages: { entityRef: string; path: string; environments: string[] }[];
  viewers: number;
  durationMs: number;
  intervalMs: number;
  /** every n-th viewer is on the Traffic tab, the others on Deployments */
  trafficEvery: number;
}

/** A request or a page load: when it started (ms into the run) and how long it took. */
export interface Timed {
  atMs: number;
  ms: number;
}

export interface PageViewerReport {
  requests: (Timed & { status: number })[];
  pageLoads: Timed[];
  signalsReceived: number;
  signalReads: number;
  elapsedMs: number;
  /** the first few answers other than 200: path, status and body */
  notOkSamples: { path: string; status: number; body: string }[];
}

export type PageViewerMessage = {
  type: 'signal';
  channel: string;
  message: { entityRef?: string; environment?: string };
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function urlOf(base: string, read: EcsDeployPageRead): string {
  const search = new URLSearchParams(read.query ?? {}).toString();
  return `${base}${read.path}${search ? `?${search}` : ''}`;
}

export async function runPageViewers(
  job: PageViewerJob,
  onSignal: (listener: (m: PageViewerMessage) => void) => void,
): Promise<PageViewerReport> {
  const started = performance.now();
  const end = Date.now() + job.durationMs;
  const report: PageViewerReport = {
    requests: [],
    pageLoads: [],
    signalsReceived: 0,
    signalReads: 0,
    elapsedMs: 0,
    notOkSamples: [],
  };
  const get = async (base: string, read: EcsDeployPageRead) => {
    const at = performance.now();
    let status = 0;
    try {
      const response = await fetch(urlOf(base, read), {
        headers: {
          authorization: job.authorization,
          ...(read.fresh ? { [FRESH_READ_HEADER]: '1' } : {}),
        },
      });
      status = response.status;
      const body = await response.text();
      if (status !== 200 && report.notOkSamples.length < 3) {
        report.notOkSamples.push({ path: read.path, status, body });
      }
    } catch (error) {
      status = 0;
      if (report.notOkSamples.length < 3) {
        report.notOkSamples.push({
          path: read.path,
          status,
          body: String(error),
        });
      }
    }
    report.requests.push({
      atMs: at - started,
      ms: performance.now() - at,
      status,
    });
  };

  const onEntity = new Map<string, ((environment: string) => void)[]>();
  const inFlight = new Set<Promise<unknown>>();
  onSignal(({ message }) => {
    report.signalsReceived += 1;
    if (Date.now() >= end || !message.entityRef || !message.environment) {
      return;
    }
    for (const react of onEntity.get(message.entityRef) ?? []) {
      react(message.environment);
    }
  });

  const viewer = async (i: number) => {
    const page = job.pages[i % job.pages.length];
    const base = `${job.replicas[i % job.replicas.length]}${page.path}`;
    const tab =
      i % job.trafficEvery === job.trafficEvery - 1
        ? ecsDeployPageReads.traffic
        : ecsDeployPageReads.deployments;
    const listeners = onEntity.get(page.entityRef) ?? [];
    listeners.push(environment => {
      const reads = tab.onSignal(environment);
      report.signalReads += reads.length;
      const done = Promise.all(reads.map(read => get(base, read)));
      inFlight.add(done);
      done.finally(() => inFlight.delete(done));
    });
    onEntity.set(page.entityRef, listeners);

    await sleep((i / job.viewers) * job.intervalMs);
    while (Date.now() < end) {
      const tick = Date.now();
      const at = performance.now();
      for (const wave of tab.open(page.environments)) {
        await Promise.all(wave.map(read => get(base, read)));
      }
      report.pageLoads.push({ atMs: at - started, ms: performance.now() - at });
      const next = Math.min(tick + job.intervalMs, end);
      await sleep(Math.max(0, next - Date.now()));
    }
  };
  await Promise.all(Array.from({ length: job.viewers }, (_, i) => viewer(i)));
  await Promise.all([...inFlight]);
  report.elapsedMs = performance.now() - started;
  return report;
}

if (require.main === module) {
  const listeners: ((m: PageViewerMessage) => void)[] = [];
  process.on('message', (message: PageViewerJob | PageViewerMessage) => {
    if ((message as PageViewerMessage).type === 'signal') {
      for (const listener of listeners) listener(message as PageViewerMessage);
      return;
    }
    if (!(message as PageViewerJob).replicas) return;
    runPageViewers(message as PageViewerJob, l => listeners.push(l)).then(
      report =>
        process.send!({ type: 'report', report }, () => process.exit(0)),
    );
  });
}
