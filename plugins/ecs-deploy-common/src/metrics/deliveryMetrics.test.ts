import type { DeploymentSummary } from '../api';
import { deliveryFacts, deliveryFactsByEntry } from './deliveryFacts';
import {
  computeDeliveryMetrics,
  deliveryMetricsOfFacts,
  median,
} from './deliveryMetrics';

const now = Date.parse('2024-06-10T12:00:00Z');
const MIN = 60_000;

function deployment(
  id: string,
  startedAt: string,
  minutes: number,
  status: DeploymentSummary['status'],
  extra: Partial<DeploymentSummary> = {},
): DeploymentSummary {
  const start = Date.parse(startedAt);
  return {
    id,
    kind: 'codedeploy',
    environment: 'prod',
    status,
    awsStatus: status,
    startedAt,
    endedAt: new Date(start + minutes * MIN).toISOString(),
    durationMs: minutes * MIN,
    trigger: { kind: 'pipeline' },
    links: {},
    ...extra,
  };
}

describe('median', () => {
  it('takes the middle or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('computeDeliveryMetrics', () => {
  const items: DeploymentSummary[] = [
    deployment('codedeploy:d-4', '2024-06-10T09:00:00Z', 10, 'SUCCEEDED', {
      links: { pipelineExecutionId: 'pipeline:p-4' },
    }),
    {
      ...deployment('pipeline:p-4', '2024-06-10T08:30:00Z', 45, 'SUCCEEDED'),
      kind: 'pipeline',
    },
    deployment('codedeploy:d-3', '2024-06-09T10:00:00Z', 6, 'ROLLED_BACK'),
    deployment('codedeploy:d-2', '2024-06-08T10:00:00Z', 4, 'SUCCEEDED'),
    deployment('codedeploy:d-1', '2024-06-08T08:00:00Z', 8, 'FAILED'),
    deployment('codedeploy:d-0', '2024-05-01T08:00:00Z', 8, 'FAILED'),
    deployment('codedeploy:d-s', '2024-06-09T08:00:00Z', 5, 'SUCCEEDED', {
      environment: 'staging',
    }),
  ];

  const metrics = computeDeliveryMetrics(items, {
    now,
    windowDays: 7,
    environment: 'prod',
  });

  it('counts deployments in the window and environment only', () => {
    // d-1..d-4; not the pipeline run, not May, not staging
    expect(metrics.frequency.value).toBe(4);
    expect(metrics.frequency.buckets).toHaveLength(7);
    expect(metrics.frequency.buckets.map(b => b.value)).toEqual([
      0, 0, 0, 0, 2, 1, 1,
    ]);
  });

  it('rates failed and rolled back deployments among finished ones', () => {
    expect(metrics.changeFailureRate.value).toBe(0.5);
  });

  it('takes the median duration of successes', () => {
    expect(metrics.medianDuration.value).toBe(7 * MIN);
  });

  it('measures lead time from the pipeline start to the deployment end', () => {
    // pipeline 08:30 → deployment end 09:10
    expect(metrics.leadTime.value).toBe(40 * MIN);
  });

  it('measures time to restore from a failure to the next success', () => {
    // d-1 ended 08:08, d-2 ended 10:04 → 116 min; d-3 ended 10:06 (9th), d-4 ended 09:10 (10th) → 1384 min
    expect(metrics.timeToRestore.value).toBe(((116 + 1384) / 2) * MIN);
  });

  it('reads the deployments inside release rows as the same deployments', () => {
    const [d4, p4, ...rest] = items;
    const released = computeDeliveryMetrics(
      [{ ...p4, deployments: [d4] }, ...rest],
      { now, windowDays: 7, environment: 'prod' },
    );
    expect(released.frequency.value).toBe(4);
    expect(released.leadTime.value).toBe(40 * MIN);
    expect(released.changeFailureRate.value).toBe(0.5);
  });

  it('uses weekly buckets for long windows', () => {
    const long = computeDeliveryMetrics(items, { now, windowDays: 90 });
    expect(long.bucketDays).toBe(7);
    expect(long.frequency.buckets).toHaveLength(13);
    // all environments, including May and staging
    expect(long.frequency.value).toBe(6);
  });
});

describe('time to restore', () => {
  const at = (minutes: number) =>
    new Date(now - 24 * 60 * MIN + minutes * MIN).toISOString();

  it('takes a success that started with the failure, not the failure itself', () => {
    const rolledBack = deployment('codedeploy:d-2', at(0), 5, 'SUCCEEDED', {
      rollback: { rolledBack: true },
    });
    const metrics = computeDeliveryMetrics(
      [
        deployment('codedeploy:d-3', at(0), 9, 'SUCCEEDED'),
        rolledBack,
        deployment('codedeploy:d-1', at(0), 3, 'FAILED'),
      ],
      { now, windowDays: 7 },
    );
    // d-1 (ended 3) and d-2 (ended 5) are restored by d-3 (ended 9); d-2
    // restores d-1 too but d-3 comes first among those started at 0
    expect(metrics.timeToRestore.value).toBe(((9 - 3 + (9 - 5)) / 2) * MIN);
    expect(metrics.changeFailureRate.value).toBeCloseTo(2 / 3);
  });

  it('is restored within the same service only', () => {
    const facts = [
      ...deliveryFacts([deployment('codedeploy:a-1', at(0), 5, 'FAILED')]).map(
        f => ({ ...f, service: 'component:default/a' }),
      ),
      ...deliveryFacts([
        deployment('codedeploy:b-1', at(10), 5, 'SUCCEEDED'),
      ]).map(f => ({ ...f, service: 'component:default/b' })),
      ...deliveryFacts([
        deployment('codedeploy:a-2', at(60), 5, 'SUCCEEDED'),
      ]).map(f => ({ ...f, service: 'component:default/a' })),
    ];
    const metrics = deliveryMetricsOfFacts(facts, { now, windowDays: 7 });
    expect(metrics.timeToRestore.value).toBe(60 * MIN);
  });
});

describe('deliveryFactsByEntry', () => {
  it('gives each entry its deployments, with the lead time start found on the page', () => {
    const pipeline = {
      ...deployment('pipeline:p-1', '2024-06-10T08:30:00Z', 45, 'SUCCEEDED'),
      kind: 'pipeline' as const,
    };
    const held = deployment(
      'codedeploy:d-1',
      '2024-06-10T09:00:00Z',
      10,
      'SUCCEEDED',
      { links: { pipelineExecutionId: 'pipeline:p-1' } },
    );
    const alone = deployment(
      'codedeploy:d-2',
      '2024-06-10T10:00:00Z',
      10,
      'SUCCEEDED',
      { links: { pipelineExecutionId: 'pipeline:p-1' } },
    );
    const noStart = { ...alone, id: 'codedeploy:d-x', startedAt: undefined };
    const byEntry = deliveryFactsByEntry([
      alone,
      { ...pipeline, deployments: [held] },
      noStart,
    ]);
    expect(byEntry.map(facts => facts.length)).toEqual([1, 1, 0]);
    expect(byEntry[0][0]).toEqual({
      environment: 'prod',
      status: 'SUCCEEDED',
      failed: false,
      startedAt: Date.parse('2024-06-10T10:00:00Z'),
      endedAt: Date.parse('2024-06-10T10:10:00Z'),
      durationMs: 10 * MIN,
      pipelineStartedAt: Date.parse('2024-06-10T08:30:00Z'),
    });
  });
});
