import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  ForwardedError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import {
  ActionLedgerEntry,
  ActionLedgerResponse,
  ECS_DEPLOY_ACTION_ERROR_CODES,
  EcsDeployActionName,
  EcsDeployActionRequest,
  EcsDeployActionResponse,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { errorCodeOf, withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { ActionLease } from '../ledger/ActionLeases';
import { ActionLedger, LedgerEntry } from '../ledger/ActionLedger';
import { planPromotion } from '../promotion/planPromotion';
import { preparePromote } from '../promotion/preparePromote';
import {
  deploymentActionsFor,
  environmentActionsFor,
} from '../systems/registry';
import {
  isOutcomeUnknown,
  outcomeUnknownError,
  startAttempt,
} from './actionAttempt';
import { parseActionRequest } from './actionRequest';
import {
  decodeLedgerCursor,
  encodeLedgerCursor,
  toActionLedgerEntry,
} from './ledgerEntries';
import { assertOwnedByEntity } from './ownership';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from './types';

/** How many of an environment's latest ledger rows a detail is matched against. */
const LEDGER_WINDOW = 200;

/** Who acts on which entity; the entity is already authorized for the action. */
export interface ActionCaller {
  entity: Entity;
  entityRef: string;
  /** User entity ref. */
  actor: string;
}

/** The result of an action, and whether it was a replay of an earlier one. */
export interface PerformedAction {
  response: EcsDeployActionResponse;
  replay: boolean;
}

/**
 * Failures after which a client retry with the same key should act again,
 * instead of getting the same failure replayed: AWS refused before acting
 * (throttling, no connection), another action held the lease, or something
 * unexpected failed before the mutating call. Refusals (400, 403, 404, 409)
 * are final for the key.
 */
function isRetryable(error: unknown): boolean {
  if (!isError(error)) return true;
  return (
    error.name === 'ServiceUnavailableError' ||
    errorCodeOf(error) === ECS_DEPLOY_ACTION_ERROR_CODES.actionInProgress ||
    error instanceof ForwardedError ||
    error.name === 'Error'
  );
}

function asError(error: unknown): Error {
  return isError(error) ? error : new Error(String(error));
}

function leaseOf(entry: LedgerEntry): ActionLease {
  return {
    entityRef: entry.entityRef,
    environment: entry.environment,
    ledgerEntryId: entry.id,
    action: entry.action,
    actor: entry.actor,
  };
}

function answer(entry: LedgerEntry, replay: boolean): PerformedAction {
  return {
    response: {
      message: (entry.result as ActionOutcome).message,
      ledgerEntry: toActionLedgerEntry(entry),
    },
    replay,
  };
}

/**
 * Performs the promotion actions: resolves the environment from the entity,
 * claims the request in the ledger (a repeat with the same key replays the
 * first outcome), checks that the AWS resource carries the entity's tag,
 * takes the (entity, environment) lease so that no other action runs there
 * meanwhile, then lets the action check state and mutate, and records the
 * outcome. An outcome AWS left unknown is settled by reading AWS before the
 * action is tried again, by the next request with the same key or by the
 * reconciler.
 */
export class EcsDeployActionService {
  constructor(
    private readonly ctx: ActionContext,
    private readonly ledger: ActionLedger,
    /** Told of every action that went through (the watcher looks soon). */
    private readonly onActed?: (entityRef: string) => Promise<void>,
  ) {}

  /**
   * The named environments of the entity, checked by name first (InputError
   * naming the field) and only then loaded, so a wrong name costs no AWS call.
   */
  private async loadNamed(
    caller: Pick<ActionCaller, 'entity'>,
    names: Array<[field: string, name: string]>,
  ): Promise<LoadedEnvironment[]> {
    const envs = await this.ctx.environments.named(caller.entity, names);
    return Promise.all(envs.map(env => this.ctx.environments.load(env)));
  }

  private async prepare(
    caller: ActionCaller,
    request: EcsDeployActionRequest,
  ): Promise<PreparedAction> {
    const [loaded, from] = await this.loadNamed(caller, [
      ['environment', request.environment],
      ...((request.action === 'promote' ||
        request.action === 'start-release') &&
      request.from
        ? [['from', request.from] as [string, string]]
        : []),
    ]);
    const target: ActionTarget = {
      entityRef: caller.entityRef,
      actor: caller.actor,
      loaded,
      ...(from ? { source: from } : {}),
    };
    switch (request.action) {
      case 'continue':
      case 'finish-early':
      case 'rollback': {
        // The system whose entry the history id names acts on it.
        const { actions, awsId } = deploymentActionsFor(
          request.deploymentId,
          loaded,
        );
        return actions.prepare(this.ctx, target, request.action, awsId);
      }
      case 'promote':
        return preparePromote(this.ctx, target, from!, request.imageDigest);
      default:
        return environmentActionsFor(request.action).prepare(
          this.ctx,
          target,
          request,
        );
    }
  }

  async perform(
    caller: ActionCaller,
    request: EcsDeployActionRequest,
    idempotencyKey: string | undefined,
  ): Promise<PerformedAction> {
    let performed: PerformedAction;
    try {
      performed = await this.performClaimed(caller, request, idempotencyKey);
    } finally {
      // Whatever the outcome (an unknown one may have changed AWS too).
      await this.forgetStateOf(caller, request);
    }
    await this.onActed?.(caller.entityRef);
    return performed;
  }

  /** The acted-on environments read afresh (EnvironmentLoader.forgetState). */
  private async forgetStateOf(
    caller: ActionCaller,
    request: EcsDeployActionRequest,
  ): Promise<void> {
    const names: Array<[string, string]> = [
      ['environment', request.environment],
    ];
    if ('from' in request && request.from) names.push(['from', request.from]);
    try {
      const envs = await this.ctx.environments.named(caller.entity, names);
      await Promise.all([
        ...envs.map(env => this.ctx.environments.forgetState(env)),
        this.ctx.environments.forgetAnswers(
          caller.entity,
          envs.map(env => env.name),
        ),
      ]);
    } catch {
      // A request naming no environment of the entity changed nothing.
    }
  }

  private async performClaimed(
    caller: ActionCaller,
    request: EcsDeployActionRequest,
    idempotencyKey: string | undefined,
  ): Promise<PerformedAction> {
    const prepared = await this.prepare(caller, request);
    const { action, environment, ...body } = request;
    const claim = await this.ledger.begin({
      entityRef: caller.entityRef,
      environment,
      action,
      actor: caller.actor,
      idempotencyKey,
      request: body,
    });
    if (claim.kind === 'new') {
      return this.attempt(caller, prepared, claim.entry);
    }
    const entry = claim.entry;
    if (entry.status === 'succeeded') return answer(entry, true);
    if (entry.status === 'failed') ActionLedger.rethrow(entry);
    // Unknown, or pending past its lease: read AWS before acting again.
    if (!(await this.ledger.claimUnsettled(entry.id))) {
      throw withErrorCode(
        new ConflictError(
          `The outcome of the earlier request with Idempotency-Key '${idempotencyKey}' is being checked right now; retry in a few seconds`,
        ),
        ECS_DEPLOY_ACTION_ERROR_CODES.actionInProgress,
      );
    }
    const settled = await this.settle(caller, prepared, entry);
    return settled ?? this.attempt(caller, prepared, entry);
  }

  /**
   * Settles an unsettled entry found by the reconciler: the entity is loaded
   * with the plugin's own credentials, the action prepared again from the
   * stored request. Happened: the entry succeeds with that outcome; did not:
   * it fails, releasing its key for the client to try again.
   */
  async reconcile(entity: Entity, entry: LedgerEntry): Promise<void> {
    if (!(await this.ledger.claimUnsettled(entry.id))) return;
    const caller: ActionCaller = {
      entity,
      entityRef: entry.entityRef,
      actor: entry.actor,
    };
    let prepared: PreparedAction;
    try {
      prepared = await this.prepare(
        caller,
        parseActionRequest(entry.action as EcsDeployActionName, {
          ...(entry.request as object),
          environment: entry.environment,
        }),
      );
    } catch (error) {
      await this.ledger.markUnknown(entry.id, asError(error));
      throw error;
    }
    if (await this.settle(caller, prepared, entry)) return;
    await this.ledger.fail(
      entry.id,
      new ServiceUnavailableError(
        'AWS shows no sign of this action: it did not happen; start it again',
      ),
      { awsResource: prepared.ownedResource, retryable: true },
    );
    await this.ledger.leases.release(leaseOf(entry));
  }

  /**
   * Reads AWS to tell whether the unsettled entry's mutation happened. If it
   * did, the entry succeeds with that outcome; if not, undefined, with the
   * lease held for the caller to act. Failing to tell leaves it unknown.
   */
  private async settle(
    caller: ActionCaller,
    prepared: PreparedAction,
    entry: LedgerEntry,
  ): Promise<PerformedAction | undefined> {
    let outcome: ActionOutcome | undefined;
    try {
      // Settling may send again (a start re-sent with its token): the same
      // guards as acting.
      await assertOwnedByEntity(
        this.ctx,
        caller.entityRef,
        prepared.ownedResource,
      );
      await this.ledger.leases.acquire(leaseOf(entry));
      outcome = await prepared.reconcile(startAttempt(entry.id).attempt);
    } catch (error) {
      await this.ledger.markUnknown(entry.id, asError(error), {
        awsResource: prepared.ownedResource,
      });
      throw error;
    }
    if (!outcome) return undefined;
    const done = await this.ledger.succeed(entry.id, {
      awsResource: outcome.awsResource,
      result: outcome,
    });
    await this.ledger.leases.release(leaseOf(entry));
    return answer(done, true);
  }

  /** Tries the action for a claimed entry and records how it ended. */
  private async attempt(
    caller: ActionCaller,
    prepared: PreparedAction,
    entry: LedgerEntry,
  ): Promise<PerformedAction> {
    const { id } = entry;
    const lease = leaseOf(entry);
    const awsResource = prepared.ownedResource;
    try {
      await assertOwnedByEntity(
        this.ctx,
        caller.entityRef,
        prepared.ownedResource,
      );
      // Before the state check: a racing request cannot pass it too.
      await this.ledger.leases.acquire(lease);
    } catch (error) {
      await this.ledger.fail(id, asError(error), {
        awsResource,
        retryable: isRetryable(error),
      });
      throw error;
    }
    const { attempt, applied } = startAttempt(id);
    let outcome: ActionOutcome;
    try {
      outcome = await prepared.perform(attempt);
    } catch (error) {
      if (isOutcomeUnknown(error) || applied()) {
        // The lease stays until the outcome is settled or expires.
        const unknown = isOutcomeUnknown(error)
          ? asError(error)
          : outcomeUnknownError(asError(error));
        await this.ledger.markUnknown(id, unknown, { awsResource });
        throw unknown;
      }
      await this.ledger.fail(id, asError(error), {
        awsResource,
        retryable: isRetryable(error),
      });
      await this.ledger.leases.release(lease);
      throw error;
    }
    const done = await this.ledger.succeed(id, {
      awsResource: outcome.awsResource,
      result: outcome,
    });
    await this.ledger.leases.release(lease);
    return answer(done, false);
  }

  async preview(
    caller: Pick<ActionCaller, 'entity'>,
    from: string,
    to: string,
  ): Promise<PromotionPreview> {
    const [source, target] = await this.loadNamed(caller, [
      ['from', from],
      ['to', to],
    ]);
    return (await planPromotion(this.ctx, source, target)).preview;
  }

  /**
   * The portal's actions on one history entry, oldest first: a release's
   * steps (started, shifted, promoted) for its detail. From the entity's
   * latest ledger rows, as the history pages match them.
   */
  async actionsOn(
    entityRef: string,
    environment: string,
    deploymentId: string,
  ): Promise<ActionLedgerEntry[]> {
    const rows = await this.ledger.list(entityRef, {
      limit: LEDGER_WINDOW,
      environment,
    });
    return rows
      .map(toActionLedgerEntry)
      .filter(entry => entry.deploymentId === deploymentId)
      .reverse();
  }

  async ledgerPage(
    entityRef: string,
    query: { environment?: string; cursor?: string; limit: number },
  ): Promise<ActionLedgerResponse> {
    const rows = await this.ledger.list(entityRef, {
      limit: query.limit + 1,
      environment: query.environment,
      ...(query.cursor ? { after: decodeLedgerCursor(query.cursor) } : {}),
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toActionLedgerEntry),
      ...(rows.length > query.limit
        ? { nextCursor: encodeLedgerCursor(page[page.length - 1]) }
        : {}),
    };
  }
}
