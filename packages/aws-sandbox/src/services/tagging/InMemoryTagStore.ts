import type { TagStore } from '../../world';

/**
 * The tags of every resource, kept in one place because AWS's tagging API sees
 * all services' tags at once. Tag order is insertion order, as AWS returns it.
 */
export class InMemoryTagStore implements TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  tag(arn: string, tags: { key: string; value: string }[]): void {
    const current = this.byArn.get(arn) ?? new Map<string, string>();
    for (const { key, value } of tags) current.set(key, value ?? '');
    this.byArn.set(arn, current);
  }

  untag(arn: string, keys: string[]): void {
    const current = this.byArn.get(arn);
    if (!current) return;
    for (const key of keys) current.delete(key);
  }

  list(arn: string): { key: string; value: string }[] {
    const current = this.byArn.get(arn);
    if (!current) return [];
    return [...current.entries()].map(([key, value]) => ({ key, value }));
  }

  all(): string[] {
    return [...this.byArn.keys()];
  }

  register(arn: string): void {
    if (!this.byArn.has(arn)) this.byArn.set(arn, new Map());
  }

  forget(arn: string): void {
    this.byArn.delete(arn);
  }

  snapshot(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [arn, tags] of this.byArn) out[arn] = Object.fromEntries(tags);
    return out;
  }

  restore(data: unknown): void {
    this.byArn.clear();
    if (!data || typeof data !== 'object') return;
    for (const [arn, tags] of Object.entries(
      data as Record<string, Record<string, string>>,
    )) {
      this.byArn.set(arn, new Map(Object.entries(tags ?? {})));
    }
  }
}
