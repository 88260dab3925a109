import {
  deploymentKindText,
  durationBetween,
  formatDuration,
  shortCommit,
  shortDigest,
  systemLabel,
} from './format';

describe('formatDuration', () => {
  it('shows the two most significant units', () => {
    expect(formatDuration(252_000)).toBe('4m 12s');
    expect(formatDuration(3_780_000)).toBe('1h 3m');
    expect(formatDuration(90_061_000)).toBe('1d 1h');
  });

  it('drops a zero second unit and handles zero and missing values', () => {
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(-5)).toBe('–');
  });
});

describe('durationBetween', () => {
  it('measures a finished interval', () => {
    expect(
      durationBetween('2024-01-01T00:00:00Z', '2024-01-01T00:05:00Z'),
    ).toBe(300_000);
  });

  it('measures a running interval up to now', () => {
    const now = Date.parse('2024-01-01T00:01:00Z');
    expect(durationBetween('2024-01-01T00:00:00Z', undefined, now)).toBe(
      60_000,
    );
  });

  it('is undefined without a start', () => {
    expect(durationBetween(undefined, undefined)).toBeUndefined();
  });
});

describe('short ids', () => {
  it('shortens digests and commits', () => {
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortCommit('3ed9bd724c87148f')).toBe('3ed9bd7');
    expect(shortDigest(undefined)).toBeUndefined();
  });
});

describe('systemLabel', () => {
  it("takes the backend's name of the deployment system", () => {
    expect(
      systemLabel({
        system: { id: 'ecsNative', label: 'ECS canary' },
        controller: 'ECS',
        strategy: { kind: 'CANARY' },
      }),
    ).toBe('ECS canary');
  });

  it('falls back to the controller and strategy from a backend that names none', () => {
    expect(
      systemLabel({ controller: 'CODE_DEPLOY', strategy: { kind: 'CANARY' } }),
    ).toBe('CODE_DEPLOY CANARY');
    expect(systemLabel({})).toBe('');
  });
});

describe('deploymentKindText', () => {
  it('names the controller and strategy, and the configuration when asked', () => {
    expect(
      deploymentKindText(
        {
          controller: 'CODE_DEPLOY',
          strategy: {
            kind: 'CANARY',
            configName: 'ECSCanary10Percent5Minutes',
          },
        },
        { configName: true },
      ),
    ).toBe('CODE_DEPLOY CANARY (ECSCanary10Percent5Minutes)');
  });

  it('says EXTERNAL once for a task-set service, whose strategy is EXTERNAL too', () => {
    expect(
      deploymentKindText(
        { controller: 'EXTERNAL', strategy: { kind: 'EXTERNAL' } },
        { configName: true },
      ),
    ).toBe('EXTERNAL');
  });
});
