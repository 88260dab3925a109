import { ConfigReader } from '@backstage/config';
import { readBackendSettings } from './config';

describe('readBackendSettings', () => {
  const actions = (ecsDeploy: object) =>
    readBackendSettings(new ConfigReader({ ecsDeploy })).actions;

  it('holds an action lease for two minutes unless configured', () => {
    expect(actions({})).toEqual({ leaseMs: 120_000, releaseSteadyMs: 90_000 });
    expect(actions({ actions: { leaseSeconds: 30 } })).toEqual({
      leaseMs: 30_000,
      releaseSteadyMs: 22_500,
    });
  });

  it('waits for a release to be steady within the lease only', () => {
    expect(
      actions({ actions: { releaseSteadySeconds: 100 } }).releaseSteadyMs,
    ).toBe(100_000);
    expect(() =>
      actions({ actions: { leaseSeconds: 60, releaseSteadySeconds: 60 } }),
    ).toThrow(
      'ecsDeploy.actions.releaseSteadySeconds must be a positive number of seconds below ecsDeploy.actions.leaseSeconds (60), not 60',
    );
  });

  it('refuses a lease that would always have expired', () => {
    expect(() => actions({ actions: { leaseSeconds: 0 } })).toThrow(
      'ecsDeploy.actions.leaseSeconds must be a positive number of seconds, not 0',
    );
  });

  it('gives the memory layer 64 MB unless configured, and refuses none', () => {
    const settings = (ecsDeploy: object) =>
      readBackendSettings(new ConfigReader({ ecsDeploy }));
    expect(settings({}).memoryBytes).toBe(64 * 1024 * 1024);
    expect(settings({ cache: { memoryMegabytes: 8 } }).memoryBytes).toBe(
      8 * 1024 * 1024,
    );
    expect(() => settings({ cache: { memoryMegabytes: 0 } })).toThrow(
      'ecsDeploy.cache.memoryMegabytes must be a positive number, not 0',
    );
  });

  it('keeps what changes only with the service 5 minutes, or what a setup chose for state at rest', () => {
    const ttl = (cache: object) =>
      readBackendSettings(new ConfigReader({ ecsDeploy: { cache } })).ttl;
    expect(ttl({})).toMatchObject({ idle: 60_000, settled: 300_000 });
    expect(ttl({ settledTtlSeconds: 120 }).settled).toBe(120_000);
    // Tests turning caching off, and setups that shortened state at rest.
    expect(ttl({ listTtlSeconds: 0 })).toMatchObject({ idle: 0, settled: 0 });
    expect(ttl({ idleTtlSeconds: 20 }).settled).toBe(20_000);
  });
});
