import fs from 'node:fs';
import { table } from './report';
import { EndpointResult } from './scenarios/endpoints';
import { HistoryScaleResult } from './scenarios/historyScale';
import { ViewersResult } from './scenarios/viewers';

/** The parts of a bench JSON file that a comparison reads. */
export interface BenchJson {
  startedAt?: string;
  endpoints?: {
    firstView?: { calls: number; ms: number; status: number };
    endpoints: EndpointResult[];
  };
  viewers?: { runs: ViewersResult[]; awsCallsRatioManyToFew: number };
  history?: HistoryScaleResult[];
}

export function readBenchJson(file: string): BenchJson {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--compare: cannot read ${file}: ${error}`);
  }
}

/** `before → after (×factor)`; a factor below 1 means less. */
function change(before: number | undefined, after: number | undefined) {
  if (before === undefined || after === undefined) return '-';
  const round = (x: number) =>
    Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 100) / 100;
  let factor = ` (×${(after / before).toFixed(2)})`;
  if (before === 0) factor = after === 0 ? '' : ' (new)';
  return `${round(before)} → ${round(after)}${factor}`;
}

/**
 * Before/after tables of two bench runs (an earlier JSON file against this
 * run), for the parts both measured: how a change moved the numbers.
 */
export function compareRuns(before: BenchJson, after: BenchJson): string {
  const out: string[] = [
    `## Compared with ${
      before.startedAt ?? 'the earlier run'
    } (before → after)`,
  ];
  const endpointsBefore = new Map(
    (before.endpoints?.endpoints ?? []).map(e => [e.endpoint, e]),
  );
  const endpointRows = (after.endpoints?.endpoints ?? []).flatMap(a => {
    const b = endpointsBefore.get(a.endpoint);
    return b
      ? [
          [
            a.endpoint,
            change(b.coldCalls, a.coldCalls),
            change(b.warmCalls, a.warmCalls),
            change(b.cold.p50, a.cold.p50),
            change(b.cold.p95, a.cold.p95),
            `${b.observedDepthCold} → ${a.observedDepthCold}`,
            change(b.ratio, a.ratio),
          ],
        ]
      : [];
  });
  if (endpointRows.length) {
    out.push(
      table(
        [
          'endpoint',
          'AWS calls cold',
          'AWS calls warm',
          'p50 cold ms',
          'p95 cold ms',
          'observed depth',
          'ratio to bound',
        ],
        endpointRows,
      ),
    );
    const fb = before.endpoints?.firstView;
    const fa = after.endpoints?.firstView;
    if (fb && fa) {
      out.push(
        `First view in an account: AWS calls ${change(
          fb.calls,
          fa.calls,
        )}, ms ${change(fb.ms, fa.ms)}`,
      );
    }
  }
  const runsBefore = new Map(
    (before.viewers?.runs ?? []).map(r => [r.label, r]),
  );
  const viewerRows = (after.viewers?.runs ?? []).flatMap(a => {
    const b = runsBefore.get(a.label);
    return b
      ? [
          [
            a.label,
            change(b.awsCallsPerSecond, a.awsCallsPerSecond),
            change(b.latency.p50, a.latency.p50),
            change(b.latency.p95, a.latency.p95),
            change(b.latency.p99, a.latency.p99),
            change(b.errors, a.errors),
          ],
        ]
      : [];
  });
  if (viewerRows.length) {
    out.push(
      table(
        ['run', 'AWS calls/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-200'],
        viewerRows,
      ),
      `AWS calls per second, many / few viewers: ${change(
        before.viewers?.awsCallsRatioManyToFew,
        after.viewers?.awsCallsRatioManyToFew,
      )}`,
    );
  }
  const historyBefore = new Map(
    (before.history ?? []).map(h => [`${h.entity}:${h.page}`, h]),
  );
  const historyRows = (after.history ?? []).flatMap(a => {
    const b = historyBefore.get(`${a.entity}:${a.page}`);
    return b
      ? [
          [
            `${a.entity} page ${a.page}`,
            change(b.coldCalls, a.coldCalls),
            change(b.coldMs, a.coldMs),
            change(b.warmCalls, a.warmCalls),
            change(b.warmMs, a.warmMs),
          ],
        ]
      : [];
  });
  if (historyRows.length) {
    out.push(
      table(
        ['history', 'AWS calls cold', 'ms cold', 'AWS calls warm', 'ms warm'],
        historyRows,
      ),
    );
  }
  if (out.length === 1) out.push('No part was measured in both runs.');
  return out.join('\n\n');
}
