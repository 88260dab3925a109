import { createPrng } from './prng';

/**
 * What to do to calls of one operation. Rates are probabilities in [0, 1],
 * drawn from a seeded PRNG so a run repeats.
 *
 * @public
 */
export interface FaultRule {
  /** Added before the call is answered (wall-clock milliseconds). */
  latencyMs?: number;
  /** Share of calls answered with a throttling error (`ThrottlingException`, Query `Throttling`). */
  throttleRate?: number;
  /** Share of calls answered with a server error. */
  errorRate?: number;
  /** Code of that server error (default `InternalFailure`, e.g. `ServiceUnavailableException`). */
  errorCode?: string;
  /** HTTP status of that server error (default 500; 503 for ServiceUnavailableException). */
  errorStatus?: number;
  /**
   * Message of the injected throttling and server errors (default `Rate
   * exceeded` and `We encountered an internal error. Please try again.`), e.g.
   * an `AccessDeniedException`'s `User: arn:aws:sts::... is not authorized`.
   */
  errorMessage?: string;
  /** Share of calls whose connection is destroyed before the operation runs. */
  dropRate?: number;
  /**
   * Share of calls that run (their changes stay) and whose connection is then
   * destroyed without an answer: the caller cannot tell whether AWS acted.
   */
  dropResponseRate?: number;
}

/**
 * Fault rules keyed by `service:Operation` (`ecs:DescribeServices`), `service:*`
 * or `*`; the most specific rule applies.
 *
 * @public
 */
export type FaultConfig = Record<string, FaultRule>;

/** @public */
export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'throttle'; latencyMs: number; message: string }
  | {
      kind: 'error';
      latencyMs: number;
      code: string;
      status: number;
      message: string;
    }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'dropResponse'; latencyMs: number };

/** @public */
export class FaultInjector {
  private rules: FaultConfig = {};
  private random: () => number;

  constructor(initial: FaultConfig = {}, seed: number | string = 1) {
    this.random = createPrng(seed);
    this.replace(initial);
  }

  /** Sets (or with `undefined`, removes) the rule for one key. */
  set(key: string, rule: FaultRule | undefined): void {
    if (rule === undefined) {
      delete this.rules[key];
      return;
    }
    this.rules[key] = validateRule(key, rule);
  }

  /** Replaces every rule. */
  replace(config: FaultConfig): void {
    const next: FaultConfig = {};
    for (const [key, rule] of Object.entries(config ?? {})) {
      next[key] = validateRule(key, rule);
    }
    this.rules = next;
  }

  clear(): void {
    this.rules = {};
  }

  get(): FaultConfig {
    return JSON.parse(JSON.stringify(this.rules));
  }

  /** Re-seeds the PRNG (tests that want a known sequence). */
  reseed(seed: number | string): void {
    this.random = createPrng(seed);
  }

  decide(service: string, operation: string): FaultDecision {
    const rule =
      this.rules[`${service}:${operation}`] ??
      this.rules[`${service}:*`] ??
      this.rules['*'];
    if (!rule) return { kind: 'none', latencyMs: 0 };
    const latencyMs = rule.latencyMs ?? 0;
    if (rule.dropRate && this.random() < rule.dropRate) {
      return { kind: 'drop', latencyMs };
    }
    if (rule.dropResponseRate && this.random() < rule.dropResponseRate) {
      return { kind: 'dropResponse', latencyMs };
    }
    if (rule.throttleRate && this.random() < rule.throttleRate) {
      return {
        kind: 'throttle',
        latencyMs,
        message: rule.errorMessage ?? 'Rate exceeded',
      };
    }
    if (rule.errorRate && this.random() < rule.errorRate) {
      const code = rule.errorCode ?? 'InternalFailure';
      const status =
        rule.errorStatus ??
        (code === 'ServiceUnavailableException' || code === 'ServiceUnavailable'
          ? 503
          : 500);
      const message =
        rule.errorMessage ??
        'We encountered an internal error. Please try again.';
      return { kind: 'error', latencyMs, code, status, message };
    }
    return { kind: 'none', latencyMs };
  }
}

function validateRule(key: string, rule: FaultRule): FaultRule {
  if (typeof rule !== 'object' || rule === null) {
    throw new TypeError(`Fault rule for ${key} must be an object`);
  }
  const out: FaultRule = {};
  for (const field of [
    'throttleRate',
    'errorRate',
    'dropRate',
    'dropResponseRate',
  ] as const) {
    const value = rule[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || value < 0 || value > 1) {
      throw new TypeError(`${key}.${field} must be a number between 0 and 1`);
    }
    out[field] = value;
  }
  if (rule.latencyMs !== undefined) {
    if (typeof rule.latencyMs !== 'number' || rule.latencyMs < 0) {
      throw new TypeError(`${key}.latencyMs must be a non-negative number`);
    }
    out.latencyMs = rule.latencyMs;
  }
  if (rule.errorCode !== undefined) out.errorCode = String(rule.errorCode);
  if (rule.errorMessage !== undefined) {
    if (typeof rule.errorMessage !== 'string' || rule.errorMessage === '') {
      throw new TypeError(`${key}.errorMessage must be a non-empty string`);
    }
    out.errorMessage = rule.errorMessage;
  }
  if (rule.errorStatus !== undefined)
    out.errorStatus = Number(rule.errorStatus);
  return out;
}
