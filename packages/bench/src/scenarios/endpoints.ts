import type { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { BackendUnderTest, entityPath, Outcome } from '../backendUnderTest';
import { observedDepth } from '../chain';
import { BenchSubject } from '../fleet';
import { median, summarize, LatencySummary } from '../stats';

/**
 * Depth of the dependent AWS call chain of each endpoint for a CODE_DEPLOY
 * service with a pipeline (the fleet's kind), when the entity annotates the
 * service and pipeline ARNs and the account's deployment group map is known.
 * Derived by hand from the backend code and AWS's data dependencies; the
 * reasoning per endpoint is in docs/performance.md.
 */
export const LOWER_BOUND_DEPTH: Record<EndpointName, number> = {
  overview: 3,
  'history p1': 3,
  'history deep': 3,
  detail: 2,
  traffic: 3,
};

export type EndpointName =
  | 'overview'
  | 'history p1'
  | 'history deep'
  | 'detail'
  | 'traffic';

export interface Measured {
  calls: number;
  ms: number;
  depth: number;
  status: number;
  counts: Record<string, number>;
}

export interface EndpointResult {
  endpoint: EndpointName;
  samples: number;
  coldCalls: number;
  warmCalls: number;
  cold: LatencySummary;
  warm: LatencySummary;
  observedDepthCold: number;
  lowerBoundDepth: number;
  lowerBoundMs: number;
  /** cold p50 / lower bound */
  ratio: number;
  /** cold p50 / (depth x the measured cost of one call on this machine) */
  ratioToMeasuredCall: number;
  /** AWS calls per operation of one cold request (the median sample) */
  coldCounts: Record<string, number>;
  errors: number;
}

/** One request alone against the sandbox, with the AWS calls it caused. */
export async function measure(
  sb: RunningSandbox,
  backend: BackendUnderTest,
  path: string,
  latencyMs: number,
): Promise<Measured & { outcome: Outcome }> {
  sb.callLog.reset();
  const outcome = await backend.get(path);
  return {
    outcome,
    calls: sb.callLog.total(),
    ms: outcome.ms,
    depth: observedDepth(sb.callLog.entries(), latencyMs),
    status: outcome.status,
    counts: sb.callLog.counts(),
  };
}

/** The request path of an endpoint for a subject, prepared with the walker backend. */
export async function pathFor(
  endpoint: EndpointName,
  subject: BenchSubject,
  walker: BackendUnderTest,
  deepPage: number,
): Promise<string> {
  const base = entityPath(subject.name);
  switch (endpoint) {
    case 'overview':
      return `${base}/environments`;
    case 'history p1':
      return `${base}/history?limit=25`;
    case 'history deep':
      return `${base}/history?limit=25&cursor=${await cursorOfPage(
        walker,
        subject.name,
        deepPage,
      )}`;
    case 'detail': {
      const page = await walker.get(`${base}/history?limit=25`);
      const items = (page.body as any)?.items ?? [];
      // The newest CodeDeploy deployment: what a user opens from the list.
      const item = items.find((i: any) => i.kind === 'codedeploy') ?? items[0];
      if (!item) throw new Error(`no history for ${subject.name}`);
      return `${base}/deployments/${encodeURIComponent(item.id)}?environment=${
        item.environment
      }`;
    }
    default:
      return `${base}/traffic`;
  }
}

/** Walks history pages 1..page-1 and returns the cursor of `page`. */
export async function cursorOfPage(
  walker: BackendUnderTest,
  name: string,
  page: number,
  limit = 25,
): Promise<string> {
  let cursor: string | undefined;
  for (let p = 1; p < page; p++) {
    const out = await walker.get(
      `${entityPath(name)}/history?limit=${limit}${
        cursor ? `&cursor=${cursor}` : ''
      }`,
    );
    cursor = (out.body as any)?.nextCursor;
    if (out.status !== 200 || !cursor) {
      throw new Error(
        `history of ${name} ends before page ${page} (status ${out.status})`,
      );
    }
  }
  return encodeURIComponent(cursor!);
}

/**
 * Per endpoint: `samples` cold requests, each on an entity the measured
 * backend has never seen (its cache is empty for it), each followed by
 * `warmRepeats` warm requests of the same path.
 */
export async function runEndpoints(options: {
  sb: RunningSandbox;
  measured: BackendUnderTest;
  walker: BackendUnderTest;
  subjects: BenchSubject[];
  samples: number;
  warmRepeats: number;
  latencyMs: number;
  /** p50 of one SDK call against the sandbox */
  callMs: number;
  deepPage: number;
}): Promise<EndpointResult[]> {
  const { sb, measured, walker, subjects, samples, latencyMs } = options;
  const endpoints = Object.keys(LOWER_BOUND_DEPTH) as EndpointName[];
  const results: EndpointResult[] = [];
  let next = 0;
  for (const endpoint of endpoints) {
    const cold: Measured[] = [];
    const warm: Measured[] = [];
    let errors = 0;
    for (let s = 0; s < samples; s++) {
      const subject = subjects[next++ % subjects.length];
      const path = await pathFor(endpoint, subject, walker, options.deepPage);
      const first = await measure(sb, measured, path, latencyMs);
      if (first.status !== 200) errors++;
      cold.push(first);
      for (let w = 0; w < options.warmRepeats; w++) {
        const again = await measure(sb, measured, path, latencyMs);
        if (again.status !== 200) errors++;
        warm.push(again);
      }
    }
    const lowerBoundDepth = LOWER_BOUND_DEPTH[endpoint];
    const coldSummary = summarize(cold.map(c => c.ms));
    const byMs = [...cold].sort((a, b) => a.ms - b.ms);
    results.push({
      endpoint,
      samples,
      coldCalls: median(cold.map(c => c.calls)),
      warmCalls: median(warm.map(c => c.calls)),
      cold: coldSummary,
      warm: summarize(warm.map(c => c.ms)),
      observedDepthCold: median(cold.map(c => c.depth)),
      lowerBoundDepth,
      lowerBoundMs: lowerBoundDepth * latencyMs,
      ratio:
        Math.round((coldSummary.p50 / (lowerBoundDepth * latencyMs)) * 100) /
        100,
      ratioToMeasuredCall:
        Math.round(
          (coldSummary.p50 / (lowerBoundDepth * options.callMs)) * 100,
        ) / 100,
      coldCounts: byMs[Math.floor(byMs.length / 2)]?.counts ?? {},
      errors,
    });
  }
  return results;
}
