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
    expect(
      () => new FaultInjector({ '*': { dropResponseRate: -0.1 } }),
    ).toThrow(/dropResponseRate must be a number between 0 and 1/);
  });

  it('loses the answer after the call with dropResponseRate', () => {
    const faults = new FaultInjector({ 'ecs:*': { dropResponseRate: 1 } });
    expect(faults.decide('ecs', 'UpdateService')).toEqual({
      kind: 'dropResponse',
      latencyMs: 0,
    });
  });

  it('carries errorMessage into throttling and server errors', () => {
    const faults = new FaultInjector({
      'ecs:ListServices': { throttleRate: 1, errorMessage: 'Slow down' },
      'ecs:UpdateService': {
        errorRate: 1,
        errorCode: 'AccessDeniedException',
        errorStatus: 400,
        errorMessage: 'User: arn:aws:sts::1:assumed-role/r/s is not authorized',
      },
    });
    expect(faults.decide('ecs', 'ListServices')).toMatchObject({
      kind: 'throttle',
      message: 'Slow down',
    });
    expect(faults.decide('ecs', 'UpdateService')).toMatchObject({
      kind: 'error',
      code: 'AccessDeniedException',
      status: 400,
      message: 'User: arn:aws:sts::1:assumed-role/r/s is not authorized',
    });
    expect(
      new FaultInjector({ '*': { errorRate: 1 } }).decide('a', 'b'),
    ).toMatchObject({
      message: 'We encountered an internal error. Please try again.',
    });
    expect(
      () =>
        new FaultInjector({ '*': { errorMessage: 42 as unknown as string } }),
    ).toThrow(/errorMessage must be a non-empty string/);
  });
});
