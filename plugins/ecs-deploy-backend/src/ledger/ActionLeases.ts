import { ConflictError } from '@backstage/errors';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { Knex } from 'knex';

const TABLE = 'ecs_deploy_action_leases';

/**
 * Who holds the lease of an (entity, environment) pair.
 *
 * @public
 */
export interface ActionLease {
  entityRef: string;
  environment: string;
  ledgerEntryId: string;
  action: string;
  /** user entity ref of who started the action */
  actor: string;
}

/** @public */
export interface HeldActionLease extends ActionLease {
  acquiredAt: string;
  expiresAt: string;
}

interface Row {
  entity_ref: string;
  environment: string;
  ledger_entry_id: string;
  action: string;
  actor: string;
  acquired_at: Date | string | number;
  expires_at: Date | string | number;
}

function toIso(value: Date | string | number): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** The 409 a second action gets while another one holds the lease. */
function inProgress(holder: HeldActionLease): Error {
  return withErrorCode(
    new ConflictError(
      `Another action is in progress on ${holder.entityRef} in ${holder.environment}: ${holder.action} by ${holder.actor}, started ${holder.acquiredAt}; try again once it has finished`,
    ),
    'ActionInProgress',
  );
}

/**
 * One mutating action at a time per (entity, environment), across backend
 * replicas: a row per pair in the plugin's database, whose primary key lets
 * exactly one insert win on SQLite and PostgreSQL alike. A lease is taken
 * over only once it has expired (its holder crashed or its outcome stayed
 * unknown too long), and its own ledger entry may take it again.
 *
 * @public
 */
export class ActionLeases {
  constructor(
    private readonly db: Knex,
    /** How long a lease holds without being released. */
    readonly leaseMs: number,
  ) {}

  /** Takes the lease, or throws a 409 (code `ActionInProgress`) naming its holder. */
  async acquire(lease: ActionLease): Promise<void> {
    // Two rounds: the holder may release between our insert and our read.
    for (let round = 0; round < 2; round++) {
      const now = new Date();
      const row: Row = {
        entity_ref: lease.entityRef,
        environment: lease.environment,
        ledger_entry_id: lease.ledgerEntryId,
        action: lease.action,
        actor: lease.actor,
        acquired_at: now,
        expires_at: new Date(now.getTime() + this.leaseMs),
      };
      try {
        await this.db<Row>(TABLE).insert(row);
        return;
      } catch {
        // held: take it over below if it is ours or has expired
      }
      const taken = await this.db<Row>(TABLE)
        .where({ entity_ref: lease.entityRef, environment: lease.environment })
        .andWhere(q =>
          q
            .where({ ledger_entry_id: lease.ledgerEntryId })
            .orWhere('expires_at', '<=', now),
        )
        .update(row);
      if (taken > 0) return;
      const holder = await this.holder(lease.entityRef, lease.environment);
      if (holder) throw inProgress(holder);
    }
    throw withErrorCode(
      new ConflictError(
        `The lease of ${lease.entityRef} in ${lease.environment} changed hands while it was being taken; try again`,
      ),
      'ActionInProgress',
    );
  }

  /** Gives the lease up, if this ledger entry still holds it. */
  async release(lease: ActionLease): Promise<void> {
    await this.db<Row>(TABLE)
      .where({
        entity_ref: lease.entityRef,
        environment: lease.environment,
        ledger_entry_id: lease.ledgerEntryId,
      })
      .delete();
  }

  async holder(
    entityRef: string,
    environment: string,
  ): Promise<HeldActionLease | undefined> {
    const row = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef, environment })
      .first();
    return row
      ? {
          entityRef: row.entity_ref,
          environment: row.environment,
          ledgerEntryId: row.ledger_entry_id,
          action: row.action,
          actor: row.actor,
          acquiredAt: toIso(row.acquired_at),
          expiresAt: toIso(row.expires_at),
        }
      : undefined;
  }
}
