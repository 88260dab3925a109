import { EndpointResult } from './scenarios/endpoints';
import { HistoryScaleResult } from './scenarios/historyScale';
import { ViewersResult } from './scenarios/viewers';

/** A markdown table from a header and rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) =>
    `| ${cells.map(c => String(c)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : '-');

export function endpointsTable(results: EndpointResult[]): string {
  return table(
    [
      'endpoint',
      'AWS calls cold',
      'AWS calls warm',
      'p50 cold ms',
      'p95 cold ms',
      'p50 warm ms',
      'p95 warm ms',
      'chain depth (bound / observed)',
      'lower bound ms',
      'ratio p50 cold / bound',
      'ratio to depth x measured call',
      'errors',
    ],
    results.map(r => [
      r.endpoint,
      r.coldCalls,
      r.warmCalls,
      ms(r.cold.p50),
      ms(r.cold.p95),
      ms(r.warm.p50),
      ms(r.warm.p95),
      `${r.lowerBoundDepth} / ${r.observedDepthCold}`,
      r.lowerBoundMs,
      r.ratio.toFixed(2),
      r.ratioToMeasuredCall.toFixed(2),
      r.errors,
    ]),
  );
}

export function viewersTable(results: ViewersResult[]): string {
  return table(
    [
      'run',
      'viewers',
      'entities',
      's',
      'requests',
      'AWS calls/s',
      'AWS error answers',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'non-200',
      'statuses',
    ],
    results.map(r => [
      r.label,
      r.viewers,
      r.entities,
      r.durationS,
      r.requests,
      r.awsCallsPerSecond,
      r.awsThrottled,
      ms(r.latency.p50),
      ms(r.latency.p95),
      ms(r.latency.p99),
      r.errors,
      Object.entries(r.statuses)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', '),
    ]),
  );
}

export function historyTable(results: HistoryScaleResult[]): string {
  return table(
    [
      'entity',
      'deployments',
      'page (25 per page)',
      'items',
      'AWS calls cold',
      'ms cold',
      'AWS calls warm',
      'ms warm',
      'calls cold by operation',
    ],
    results.map(r => [
      r.entity,
      r.deployments,
      r.page,
      r.items,
      r.coldCalls,
      r.coldMs,
      r.warmCalls,
      r.warmMs,
      Object.entries(r.coldCounts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
    ]),
  );
}
