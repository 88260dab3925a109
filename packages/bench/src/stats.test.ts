import { percentile, summarize } from './stats';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarizes unsorted samples', () => {
    expect(summarize([30, 10, 20])).toEqual({
      n: 3,
      p50: 20,
      p95: 30,
      p99: 30,
      max: 30,
    });
  });
});
