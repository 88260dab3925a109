import { compareRuns } from './compare';

const endpoint = (coldCalls: number, p50: number, ratio: number) => ({
  endpoint: 'overview',
  samples: 1,
  coldCalls,
  warmCalls: 0,
  cold: { p50, p95: p50, p99: p50, max: p50, n: 1 },
  warm: { p50: 1, p95: 1, p99: 1, max: 1, n: 1 },
  observedDepthCold: 4,
  lowerBoundDepth: 3,
  lowerBoundMs: 120,
  ratio,
  ratioToMeasuredCall: ratio,
  coldCounts: {},
  errors: 0,
});

describe('compareRuns', () => {
  it('puts the numbers of both runs side by side with the factor', () => {
    const text = compareRuns(
      {
        startedAt: 'then',
        endpoints: { endpoints: [endpoint(8, 200, 1.71)] as any },
      },
      { endpoints: { endpoints: [endpoint(6, 150, 1.25)] as any } },
    );
    expect(text).toContain('| overview | 8 → 6 (×0.75) | 0 → 0 |');
    expect(text).toContain('1.71 → 1.25 (×0.73)');
  });

  it('says so when the runs share no part', () => {
    expect(compareRuns({}, {})).toContain('No part was measured in both runs');
  });
});
