/** One AWS call the sandbox served. @public */
export interface CallLogEntry {
  /** `ecs:DescribeServices` */
  key: string;
  service: string;
  operation: string;
  /** HTTP status sent, or 0 when the connection was dropped */
  status: number;
  /**
   * Only on dropped calls (status 0): `true` when the operation ran before the
   * connection was destroyed (a `dropResponseRate` fault; its changes stay),
   * `false` when it was destroyed before (`dropRate`).
   */
  applied?: boolean;
  /** wall-clock time the call arrived */
  at: string;
  accountId: string;
  region: string;
}

const MAX_ENTRIES = 10_000;

/**
 * Counts calls per operation (`ecs:DescribeServices` style keys) for tests and
 * benchmarks. Counts are exact; the entry list keeps the latest 10,000 calls.
 *
 * @public
 */
export class CallLog {
  private readonly perKey = new Map<string, number>();
  private readonly recent: CallLogEntry[] = [];
  private sum = 0;

  record(entry: CallLogEntry): void {
    this.perKey.set(entry.key, (this.perKey.get(entry.key) ?? 0) + 1);
    this.sum += 1;
    this.recent.push(entry);
    if (this.recent.length > MAX_ENTRIES) this.recent.shift();
  }

  /** Calls of one operation (`ecs:DescribeServices`), or of a whole service (`ecs:*`). */
  count(key: string): number {
    if (key.endsWith(':*')) {
      const prefix = key.slice(0, -1);
      let n = 0;
      for (const [k, v] of this.perKey) if (k.startsWith(prefix)) n += v;
      return n;
    }
    return this.perKey.get(key) ?? 0;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(
      [...this.perKey.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  total(): number {
    return this.sum;
  }

  entries(): CallLogEntry[] {
    return [...this.recent];
  }

  reset(): void {
    this.perKey.clear();
    this.recent.length = 0;
    this.sum = 0;
  }
}
