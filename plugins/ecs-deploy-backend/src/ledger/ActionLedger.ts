import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  SerializedError,
  deserializeError,
  serializeError,
} from '@backstage/errors';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import { openPluginDatabase } from '../database/openPluginDatabase';
import { ActionLeases } from './ActionLeases';

const TABLE = 'ecs_deploy_actions';

/** Two minutes: longer than any action's state check and mutating call. */
const DEFAULT_LEASE_MS = 120_000;

/**
 * `unknown`: the mutating call may or may not have reached AWS (a timeout,
 * a dropped connection, a 5xx); it is settled by reading AWS.
 *
 * @public
 */
export type LedgerStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

/**
 * One mutating request as the ledger remembers it.
 *
 * @public
 */
export interface LedgerEntry {
  id: string;
  entityRef: string;
  environment: string;
  action: string;
  /** user entity ref of the caller */
  actor: string;
  idempotencyKey?: string;
  awsResource?: string;
  request: unknown;
  status: LedgerStatus;
  result?: unknown;
  error?: SerializedError;
  createdAt: string;
  /** When the action was last tried: its creation, or the latest settling. */
  attemptedAt: string;
  finishedAt?: string;
}

/** @public */
export interface BeginActionInput {
  entityRef: string;
  environment: string;
  action: string;
  actor: string;
  idempotencyKey?: string;
  request: unknown;
}

/**
 * The outcome of claiming a request: either this caller performs it (`new`),
 * or an identical request with the same idempotency key came before
 * (`replay`): finished, with its outcome to return again, or unsettled
 * (`unknown`, or `pending` for longer than the lease: its process died
 * between the AWS call and the ledger write), to be settled by reading AWS.
 *
 * @public
 */
export type LedgerClaim =
  | { kind: 'new'; entry: LedgerEntry }
  | { kind: 'replay'; entry: LedgerEntry };

interface Row {
  id: string;
  entity_ref: string;
  environment: string;
  action: string;
  actor: string;
  idempotency_key: string | null;
  fingerprint: string;
  aws_resource: string | null;
  request: string;
  status: LedgerStatus;
  result: string | null;
  error: string | null;
  created_at: Date | string | number;
  attempted_at: Date | string | number | null;
  finished_at: Date | string | number | null;
}

/**
 * The action ledger and idempotency claims, in the plugin's own database
 * (SQLite or PostgreSQL through `coreServices.database`). Every replica of the
 * backend shares it, so a retried request acts once however many replicas there
 * are: the first insert of an (entity, idempotency key) pair wins. Its
 * `leases` make actions on one (entity, environment) exclusive.
 *
 * @public
 */
export class ActionLedger {
  static async create(options: {
    database: DatabaseService;
    /** how long a repeat waits for an identical in-flight request (default 10 s) */
    waitForPendingMs?: number;
    /**
     * How long an action holds its lease without finishing (default 2
     * minutes); a pending entry older than this is treated as unknown.
     */
    leaseMs?: number;
  }): Promise<ActionLedger> {
    const client = await openPluginDatabase(options.database);
    return new ActionLedger(
      client,
      options.waitForPendingMs ?? 10_000,
      new ActionLeases(client, options.leaseMs ?? DEFAULT_LEASE_MS),
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly waitForPendingMs: number,
    readonly leases: ActionLeases,
  ) {}

  /** Pending entries tried before this moment have outlived their lease. */
  private staleBefore(): Date {
    return new Date(Date.now() - this.leases.leaseMs);
  }

  /**
   * Records the start of an action, or finds the earlier identical request.
   * Throws InputError when the key was used for a different request, and
   * ConflictError (code `ActionInProgress`) when the earlier request is
   * still running after the wait.
   */
  async begin(input: BeginActionInput): Promise<LedgerClaim> {
    const now = new Date();
    const row: Row = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      environment: input.environment,
      action: input.action,
      actor: input.actor,
      idempotency_key: input.idempotencyKey ?? null,
      fingerprint: fingerprint(input),
      aws_resource: null,
      request: JSON.stringify(input.request ?? null),
      status: 'pending',
      result: null,
      error: null,
      created_at: now,
      attempted_at: now,
      finished_at: null,
    };
    try {
      await this.db<Row>(TABLE).insert(row);
      return { kind: 'new', entry: toEntry(row) };
    } catch (error) {
      if (!input.idempotencyKey) throw error;
      const existing = await this.findByKey(
        input.entityRef,
        input.idempotencyKey,
      );
      // Not a duplicate key after all: a real database error.
      if (!existing) throw error;
      return { kind: 'replay', entry: await this.settled(existing, row) };
    }
  }

  async succeed(
    id: string,
    outcome: { awsResource?: string; result: unknown },
  ): Promise<LedgerEntry> {
    await this.db<Row>(TABLE)
      .where({ id })
      .update({
        status: 'succeeded',
        aws_resource: outcome.awsResource ?? null,
        result: JSON.stringify(outcome.result ?? null),
        finished_at: new Date(),
      });
    return this.get(id);
  }

  /**
   * Records a failure. A retryable failure (AWS refused before acting:
   * throttling, no connection) releases the idempotency key so that the
   * client's retry acts again; any other failure is replayed to a retry as
   * it was.
   */
  async fail(
    id: string,
    error: Error,
    options: { awsResource?: string; retryable: boolean },
  ): Promise<LedgerEntry> {
    await this.db<Row>(TABLE)
      .where({ id })
      .update({
        status: 'failed',
        aws_resource: options.awsResource ?? null,
        error: JSON.stringify(serializeError(error)),
        finished_at: new Date(),
        ...(options.retryable ? { idempotency_key: null } : {}),
      });
    return this.get(id);
  }

  /**
   * Records that the mutating call may or may not have reached AWS. The key
   * stays: a retry with it settles the outcome by reading AWS first.
   */
  async markUnknown(
    id: string,
    error: Error,
    options: { awsResource?: string } = {},
  ): Promise<LedgerEntry> {
    await this.db<Row>(TABLE)
      .where({ id })
      .update({
        status: 'unknown',
        ...(options.awsResource ? { aws_resource: options.awsResource } : {}),
        error: JSON.stringify(serializeError(error)),
      });
    return this.get(id);
  }

  /**
   * Claims an unsettled entry (`unknown`, or `pending` past its lease) for
   * settling: exactly one caller, on any replica, gets true. The entry is
   * pending again, tried now.
   */
  async claimUnsettled(id: string): Promise<boolean> {
    const claimed = await this.db<Row>(TABLE)
      .where({ id })
      .andWhere(q =>
        q
          .where({ status: 'unknown' })
          .orWhere(p =>
            p
              .where({ status: 'pending' })
              .andWhere('attempted_at', '<', this.staleBefore()),
          ),
      )
      .update({ status: 'pending', attempted_at: new Date() });
    return claimed > 0;
  }

  /** Unsettled entries of every entity, the longest untried first. */
  async unsettled(limit: number): Promise<LedgerEntry[]> {
    const rows = await this.db<Row>(TABLE)
      .where({ status: 'unknown' })
      .orWhere(q =>
        q
          .where({ status: 'pending' })
          .andWhere('attempted_at', '<', this.staleBefore()),
      )
      .orderBy('attempted_at', 'asc')
      .limit(limit);
    return rows.map(toEntry);
  }

  /** Whether an entry waits for its outcome to be read from AWS. */
  isUnsettled(entry: LedgerEntry): boolean {
    return (
      entry.status === 'unknown' ||
      (entry.status === 'pending' &&
        Date.parse(entry.attemptedAt) < this.staleBefore().getTime())
    );
  }

  /**
   * The entity's actions, newest first. `after` continues a listing after
   * its last entry (keyset: rows created in the same millisecond are kept).
   */
  async list(
    entityRef: string,
    options: {
      limit: number;
      before?: string;
      environment?: string;
      after?: { createdAt: string; id: string };
    } = { limit: 50 },
  ): Promise<LedgerEntry[]> {
    const query = this.db<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    if (options.environment) {
      query.where({ environment: options.environment });
    }
    if (options.before) {
      query.where('created_at', '<', new Date(options.before));
    }
    const after = options.after;
    if (after) {
      const at = new Date(after.createdAt);
      query.where(q =>
        q
          .where('created_at', '<', at)
          .orWhere(q2 =>
            q2.where('created_at', '=', at).where('id', '<', after.id),
          ),
      );
    }
    return (await query).map(toEntry);
  }

  async get(id: string): Promise<LedgerEntry> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    if (!row) throw new Error(`Ledger entry ${id} vanished`);
    return toEntry(row);
  }

  /** Re-throws a replayed failure as the error the first request got. */
  static rethrow(entry: LedgerEntry): never {
    throw deserializeError(entry.error ?? { name: 'Error', message: '' });
  }

  private async findByKey(entityRef: string, key: string) {
    return this.db<Row>(TABLE)
      .where({ entity_ref: entityRef, idempotency_key: key })
      .first();
  }

  private async settled(existing: Row, attempt: Row): Promise<LedgerEntry> {
    if (existing.fingerprint !== attempt.fingerprint) {
      throw new InputError(
        `Idempotency-Key '${attempt.idempotency_key}' was already used for a different request (${existing.action} in ${existing.environment}); send a new key for a new request`,
      );
    }
    const deadline = Date.now() + this.waitForPendingMs;
    const running = (row: Row | undefined) =>
      row?.status === 'pending' && !this.isUnsettled(toEntry(row));
    let current: Row | undefined = existing;
    while (running(current) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
      current = await this.db<Row>(TABLE).where({ id: existing.id }).first();
    }
    if (!current || running(current)) {
      throw withErrorCode(
        new ConflictError(
          `An identical request with Idempotency-Key '${attempt.idempotency_key}' is still in progress`,
        ),
        'ActionInProgress',
      );
    }
    return toEntry(current);
  }
}

function fingerprint(input: BeginActionInput): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.action,
        input.environment,
        input.actor,
        input.request ?? null,
      ]),
    )
    .digest('hex');
}

function toIso(value: Date | string | number): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toEntry(row: Row): LedgerEntry {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    action: row.action,
    actor: row.actor,
    idempotencyKey: row.idempotency_key ?? undefined,
    awsResource: row.aws_resource ?? undefined,
    request: JSON.parse(row.request),
    status: row.status,
    result: row.result ? JSON.parse(row.result) : undefined,
    error: row.error ? JSON.parse(row.error) : undefined,
    createdAt: toIso(row.created_at),
    attemptedAt: toIso(row.attempted_at ?? row.created_at),
    finishedAt: row.finished_at ? toIso(row.finished_at) : undefined,
  };
}
