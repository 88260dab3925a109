import type { CallLogEntry } from '@ecs-deploy/aws-sandbox';
import { observedDepth } from './chain';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** A call answered `endMs` after T0 (the call log stamps answers). */
const call = (endMs: number): CallLogEntry => ({
  key: 'ecs:DescribeServices',
  service: 'ecs',
  operation: 'DescribeServices',
  status: 200,
  at: new Date(T0 + endMs).toISOString(),
  accountId: '111111111111',
  region: 'eu-west-1',
});

describe('observedDepth', () => {
  it('counts calls answered together as one level', () => {
    expect(observedDepth([call(41), call(42), call(43)], 40)).toBe(1);
  });

  it('counts a call that started after another was answered as the next level', () => {
    // 41: first; 83 started at ~43, after 41 was answered; 125 after 83.
    expect(observedDepth([call(125), call(41), call(83)], 40)).toBe(3);
  });

  it('takes the longest chain when parallel branches differ in length', () => {
    // branch A: 41 -> 84 -> 127; branch B: 42 alone, 90 overlapping 84.
    expect(
      observedDepth([call(41), call(42), call(84), call(90), call(127)], 40),
    ).toBe(3);
  });

  it('is 0 without calls', () => {
    expect(observedDepth([], 40)).toBe(0);
  });
});
