import type { CallLogEntry } from '@ecs-deploy/aws-sandbox';

/**
 * The longest chain of calls in a call log slice where each call started
 * after the previous one had been answered. The sandbox records one
 * timestamp per call, when it answers (after the injected latency), with
 * millisecond resolution; a call's start is therefore estimated as
 * `answer - latency`. `slackMs` absorbs the rounding and the sandbox's own
 * processing time. Only meaningful for one request at a time.
 */
export function observedDepth(
  entries: CallLogEntry[],
  latencyMs: number,
  slackMs = 3,
): number {
  const ends = entries.map(e => Date.parse(e.at)).sort((a, b) => a - b);
  const depth: number[] = [];
  let best = 0;
  for (let i = 0; i < ends.length; i++) {
    const start = ends[i] - latencyMs + slackMs;
    let d = 1;
    for (let j = 0; j < i; j++) {
      if (ends[j] <= start) d = Math.max(d, depth[j] + 1);
    }
    depth.push(d);
    best = Math.max(best, d);
  }
  return best;
}
