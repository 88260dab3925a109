import { FaultInjector } from './FaultInjector';

describe('FaultInjector', () => {
  const sequence = (faults: FaultInjector) =>
    Array.from({ length: 40 }, () => faults.decide('ecs', 'ListServices').kind);

  it('draws rates from a seeded PRNG, so runs repeat', () => {
    const rules = { 'ecs:*': { throttleRate: 0.3, errorRate: 0.2 } };
    const first = sequence(new FaultInjector(rules, 7));
    expect(sequence(new FaultInjector(rules, 7))).toEqual(first);
    expect(first).toContain('throttle');
    expect(first).toContain('error');
    expect(first).toContain('none');
  });

  it('applies the most specific rule', () => {
    const faults = new FaultInjector({
      '*': { latencyMs: 5 },
      'ecs:*': { latencyMs: 10 },
      'ecs:DescribeServices': { latencyMs: 20 },
    });
    expect(faults.decide('ecs', 'DescribeServices').latencyMs).toBe(20);
    expect(faults.decide('ecs', 'ListServices').latencyMs).toBe(10);
    expect(faults.decide('ecr', 'PutImage').latencyMs).toBe(5);
    faults.set('ecs:*', undefined);
    expect(faults.decide('ecs', 'ListServices').latencyMs).toBe(5);
  });

  it('rejects rates outside [0, 1]', () => {
    expect(() => new FaultInjector({ '*': { dropRate: 1.5 } })).toThrow(
      /between 0 and 1/,
    );
  });
});
