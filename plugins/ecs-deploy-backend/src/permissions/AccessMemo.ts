import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';

/** Keys kept at most; the least recently used go first. */
const MAX_ENTRIES = 10_000;

interface Memo<T> {
  value: Promise<T>;
  expiresAt: number;
}

/**
 * The user a memo may be kept for: a signed-in user acting for themselves.
 * A service principal's subject is informational only, and a token a
 * service holds on a user's behalf (`actor`) may carry other rights: both
 * are always asked afresh.
 */
function memoUser(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  if (principal.type !== 'user' || principal.actor) return undefined;
  return principal.userEntityRef || undefined;
}

/**
 * The entity lookup and the permission decision of a read, for one user
 * and entity, kept a few seconds (`ecsDeploy.cache.accessMemoSeconds`): a
 * page asks several read routes of one entity at once and every few
 * seconds, and each would otherwise be two HTTP round trips (the catalog
 * and the permission backend) before any cached answer. A decision is
 * kept only for the user it was made for, never across users; only
 * ALLOW and DENY are kept. Mutations never come here: authorizeEntity
 * asks both afresh for anything but a read.
 */
export class AccessMemo {
  private readonly memos: LRUCache<string, Memo<unknown>>;
  private readonly now: () => number;

  constructor(private readonly options: { ttlMs: number; now?: () => number }) {
    this.now = options.now ?? Date.now;
    this.memos = new LRUCache({ max: MAX_ENTRIES });
  }

  /** The entity as the catalog showed it to this user lately, or `load`'s. */
  entity(
    credentials: BackstageCredentials,
    requestedRef: string,
    load: () => Promise<Entity | undefined>,
  ): Promise<Entity | undefined> {
    const user = memoUser(credentials);
    if (!user) return load();
    // Only a found entity is kept: one registered a moment ago shows at once.
    return this.remember(
      `entity\u0000${user}\u0000${requestedRef.toLowerCase()}`,
      load,
      entity => entity !== undefined,
    );
  }

  /** This user's decision on the permission for the entity lately, or `load`'s. */
  decision(
    credentials: BackstageCredentials,
    entityRef: string,
    permissionName: string,
    load: () => Promise<AuthorizeResult>,
  ): Promise<AuthorizeResult> {
    const user = memoUser(credentials);
    if (!user) return load();
    return this.remember(
      `decision\u0000${user}\u0000${entityRef}\u0000${permissionName}`,
      load,
      result =>
        result === AuthorizeResult.ALLOW || result === AuthorizeResult.DENY,
    );
  }

  private remember<T>(
    key: string,
    load: () => Promise<T>,
    keep: (value: T) => boolean,
  ): Promise<T> {
    if (!(this.options.ttlMs > 0)) return load();
    const now = this.now();
    const memo = this.memos.get(key) as Memo<T> | undefined;
    if (memo && memo.expiresAt > now) return memo.value;
    // Concurrent reads of one page share the one lookup in flight.
    const value = load();
    const entry = { value, expiresAt: now + this.options.ttlMs };
    this.memos.set(key, entry);
    const drop = () => {
      if (this.memos.get(key) === entry) this.memos.delete(key);
    };
    value.then(v => keep(v) || drop(), drop);
    return value;
  }
}
