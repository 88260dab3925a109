import { RootConfigService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ForwardedError, InputError, isError } from '@backstage/errors';
import {
  ActionLedgerResponse,
  EcsDeployActionRequest,
  EcsDeployActionResponse,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { readBackendSettings } from '../config';
import { ActionLedger } from '../ledger/ActionLedger';
import { EcsDeployReadService } from '../service/EcsDeployReadService';
import {
  LoadedEnvironment,
  loadEnvironment,
} from '../service/EnvironmentContext';
import { prepareDeploymentAction } from './deploymentActions';
import {
  decodeLedgerCursor,
  encodeLedgerCursor,
  toActionLedgerEntry,
} from './ledgerEntries';
import { assertOwnedByEntity } from './ownership';
import {
  prepareApprove,
  prepareRetryStage,
  prepareStartPipeline,
} from './pipelineActions';
import { planPromotion, preparePromote } from './promotion';
import {
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from './types';

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
 * Errors a client retry with the same key should act on again, instead of
 * getting the same failure replayed: AWS throttling or outages, and
 * unexpected failures. Refusals (400, 403, 404, 409) are final for the key.
 */
function isRetryable(error: unknown): boolean {
  if (!isError(error)) return true;
  return (
    error.name === 'ServiceUnavailableError' ||
    error instanceof ForwardedError ||
    error.name === 'Error'
  );
}

/**
 * Performs the promotion actions: resolves the environment from the entity,
 * claims the request in the ledger (a repeat with the same key replays the
 * first outcome), checks that the AWS resource carries the entity's tag, then
 * lets the action check state and mutate, and records the outcome.
 */
export class EcsDeployActionService {
  static create(options: {
    config: RootConfigService;
    reads: EcsDeployReadService;
    ledger: ActionLedger;
  }): EcsDeployActionService {
    const { tagKeys } = readBackendSettings(options.config);
    return new EcsDeployActionService(
      { reads: options.reads.context, tagKeys },
      options.reads,
      options.ledger,
    );
  }

  constructor(
    private readonly ctx: ActionContext,
    private readonly reads: EcsDeployReadService,
    private readonly ledger: ActionLedger,
  ) {}

  /**
   * The named environments of the entity, checked by name first (InputError
   * naming the field) and only then loaded, so a wrong name costs no AWS call.
   */
  private async loadNamed(
    caller: Pick<ActionCaller, 'entity' | 'entityRef'>,
    names: Array<[field: string, name: string]>,
  ): Promise<LoadedEnvironment[]> {
    const all = await this.reads.environmentsOf(caller.entity);
    const envs = names.map(([field, name]) => {
      const env = all.find(e => e.name === name);
      if (!env) {
        throw new InputError(
          `Invalid request: ${field}: '${name}' is not an environment of ${
            caller.entityRef
          } (${all.map(e => e.name).join(', ')})`,
        );
      }
      return env;
    });
    return Promise.all(envs.map(env => loadEnvironment(this.ctx.reads, env)));
  }

  private async prepare(
    caller: ActionCaller,
    request: EcsDeployActionRequest,
  ): Promise<PreparedAction> {
    const [loaded, from] = await this.loadNamed(caller, [
      ['environment', request.environment],
      ...(request.action === 'promote'
        ? [['from', request.from] as [string, string]]
        : []),
    ]);
    const target: ActionTarget = {
      entityRef: caller.entityRef,
      actor: caller.actor,
      loaded,
    };
    switch (request.action) {
      case 'continue':
      case 'finish-early':
      case 'rollback':
        return prepareDeploymentAction(
          this.ctx,
          target,
          request.action,
          request.deploymentId,
        );
      case 'approve':
        return prepareApprove(this.ctx, target, request);
      case 'start-pipeline':
        return prepareStartPipeline(this.ctx, target);
      case 'retry-stage':
        return prepareRetryStage(this.ctx, target, request);
      case 'promote':
        return preparePromote(this.ctx, target, from, request.imageDigest);
      default:
        throw new Error(`Unhandled action ${(request as any).action}`);
    }
  }

  async perform(
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
    if (claim.kind === 'replay') {
      if (claim.entry.status !== 'succeeded') ActionLedger.rethrow(claim.entry);
      return {
        response: {
          message: (claim.entry.result as ActionOutcome).message,
          ledgerEntry: toActionLedgerEntry(claim.entry),
        },
        replay: true,
      };
    }

    const id = claim.entry.id;
    let outcome: ActionOutcome;
    try {
      await assertOwnedByEntity(
        this.ctx,
        caller.entityRef,
        prepared.ownedResource,
      );
      outcome = await prepared.perform({ requestToken: id });
    } catch (error) {
      await this.ledger.fail(
        id,
        isError(error) ? error : new Error(String(error)),
        { awsResource: prepared.ownedResource, retryable: isRetryable(error) },
      );
      throw error;
    }
    const entry = await this.ledger.succeed(id, {
      awsResource: outcome.awsResource,
      result: outcome,
    });
    return {
      response: {
        message: outcome.message,
        ledgerEntry: toActionLedgerEntry(entry),
      },
      replay: false,
    };
  }

  async preview(
    caller: Pick<ActionCaller, 'entity' | 'entityRef'>,
    from: string,
    to: string,
  ): Promise<PromotionPreview> {
    const [source, target] = await this.loadNamed(caller, [
      ['from', from],
      ['to', to],
    ]);
    return (await planPromotion(this.ctx, source, target)).preview;
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
