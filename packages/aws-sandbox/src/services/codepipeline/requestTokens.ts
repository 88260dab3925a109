import type { RequestTokenRecord } from './model';

/**
 * How long a `clientRequestToken` of StartPipelineExecution keeps naming its
 * execution, in simulated time. CodePipeline documents no lifetime; 24 hours
 * is what several AWS services state for their client tokens.
 */
export const REQUEST_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The StartPipelineExecution tokens seen in the last
 * {@link REQUEST_TOKEN_LIFETIME_MS}, per pipeline: a repeated token names the
 * execution it started instead of starting another.
 */
export class RequestTokens {
  private readonly byKey = new Map<string, RequestTokenRecord>();

  find(pipelineKey: string, token: string, now: number): string | undefined {
    const record = this.byKey.get(`${pipelineKey}#${token}`);
    return record && now - record.at < REQUEST_TOKEN_LIFETIME_MS
      ? record.pipelineExecutionId
      : undefined;
  }

  remember(
    pipelineKey: string,
    token: string,
    pipelineExecutionId: string,
    now: number,
  ): void {
    this.forgetExpired(now);
    const key = `${pipelineKey}#${token}`;
    this.byKey.set(key, { key, pipelineExecutionId, at: now });
  }

  snapshot(): RequestTokenRecord[] {
    return [...this.byKey.values()];
  }

  restore(records: RequestTokenRecord[] | undefined): void {
    this.byKey.clear();
    for (const record of records ?? []) this.byKey.set(record.key, record);
  }

  /** Keeps the map as small as a day of starts. */
  private forgetExpired(now: number): void {
    for (const [key, record] of this.byKey) {
      if (now - record.at >= REQUEST_TOKEN_LIFETIME_MS) this.byKey.delete(key);
    }
  }
}
