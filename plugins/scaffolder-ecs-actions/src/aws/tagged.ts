/** An AWS resource as a lookup found it, with its tags as a record. */
export interface Tagged<T> {
  value: T;
  tags: Record<string, string>;
}
