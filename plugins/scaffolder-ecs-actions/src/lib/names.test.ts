import { assertAwsName, elbResourceName } from './names';

describe('assertAwsName', () => {
  it('accepts valid names', () => {
    expect(() =>
      assertAwsName('ecsService', 'name', 'payments_api-2'),
    ).not.toThrow();
    expect(() =>
      assertAwsName('ecrRepository', 'repositoryName', 'team/payments-api'),
    ).not.toThrow();
    expect(() =>
      assertAwsName('pipelineName', 'pipelineName', 'payments-api.dev@1'),
    ).not.toThrow();
  });

  it('rejects names AWS would reject, naming the field', () => {
    expect(() => assertAwsName('ecsService', 'name', 'payments api')).toThrow(
      "name 'payments api' is not a valid name",
    );
    expect(() =>
      assertAwsName('ecrRepository', 'repositoryName', 'Payments'),
    ).toThrow(/^repositoryName 'Payments'/);
    expect(() =>
      assertAwsName('elbName', 'loadBalancerName', 'a'.repeat(33)),
    ).toThrow(/^loadBalancerName .* at most 32/);
    expect(() =>
      assertAwsName('elbName', 'loadBalancerName', 'internal-x'),
    ).toThrow(/internal-/);
    expect(() => assertAwsName('elbName', 'loadBalancerName', 'x-')).toThrow(
      /not a valid name/,
    );
    expect(() => assertAwsName('pipelineName', 'pipelineName', '')).toThrow(
      'pipelineName is required',
    );
  });
});

describe('elbResourceName', () => {
  it('keeps the suffix when truncating', () => {
    expect(elbResourceName('payments-api-dev', 'blue')).toBe(
      'payments-api-dev-blue',
    );
    const long = elbResourceName('notifications-service-staging', 'green');
    expect(long).toBe('notifications-service-stag-green');
    expect(long.length).toBeLessThanOrEqual(32);
  });

  it('drops a hyphen left at the cut', () => {
    expect(elbResourceName('abcdefghijklmnopqrstuvwxyz-abcdef', 'blue')).toBe(
      'abcdefghijklmnopqrstuvwxyz-blue',
    );
  });
});
