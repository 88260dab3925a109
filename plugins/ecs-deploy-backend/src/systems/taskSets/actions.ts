import { ConflictError, InputError } from '@backstage/errors';
import {
  EcsDeployActionRequest,
  EcsServiceRef,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  ActionAttempt,
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from '../../actions/types';
import { Forward } from '../../aws/state';
import { Where } from '../../aws/withCache';
import { ReleaseActionName } from '../DeploymentSystem';
import { factsOf, releaseRefusal } from './preconditions';
import {
  ReleaseState,
  assertReleaseOwned,
  listenersOf,
  readReleaseState,
  releaseId,
  weights,
} from './releaseState';
import { startRelease } from './startRelease';

/** A request of one of the release actions. */
export type ReleaseActionRequest = Extract<
  EcsDeployActionRequest,
  { action: ReleaseActionName }
>;

/** Checks the action applies to the state read now: 409 with the reason if not. */
export function assertApplies(
  target: ActionTarget,
  state: ReleaseState,
  request: ReleaseActionRequest,
) {
  const refusal = releaseRefusal(
    request.action,
    factsOf(target.loaded.env.name, state),
    request as {
      deploymentId?: string;
      percent?: number;
      fromPercent?: number;
    },
  );
  if (refusal) throw withErrorCode(new ConflictError(refusal), 'StaleRelease');
}

function prepareShift(
  ctx: ActionContext,
  target: ActionTarget,
  svc: EcsServiceRef,
  request: Extract<ReleaseActionRequest, { action: 'shift-traffic' }>,
): PreparedAction {
  const where: Where = { accountId: svc.accountId, region: svc.region };
  const outcome = (): ActionOutcome => ({
    message: `${request.percent}% of production traffic in ${target.loaded.env.name} goes to ${request.deploymentId} (was ${request.fromPercent}%)`,
    awsResource: svc.arn,
    deploymentId: request.deploymentId,
  });
  return {
    ownedResource: svc.arn,
    async perform({ mutate }) {
      const state = await readReleaseState(ctx, svc);
      assertApplies(target, state, request);
      await assertReleaseOwned(ctx, target.entityRef, state);
      await mutate(() =>
        ctx.aws.elbv2.forwardByWeight(
          where,
          state.production.arn,
          weights(state, request.percent),
          {
            operation: `shifting ${request.percent}% of production traffic to ${request.deploymentId}`,
          },
        ),
      );
      return outcome();
    },
    async reconcile() {
      const state = await readReleaseState(ctx, svc);
      const facts = factsOf(target.loaded.env.name, state);
      return facts.incoming === request.deploymentId &&
        facts.shiftedPercent === request.percent
        ? outcome()
        : undefined;
    },
  };
}

function preparePromoteRelease(
  ctx: ActionContext,
  target: ActionTarget,
  svc: EcsServiceRef,
  request: Extract<ReleaseActionRequest, { action: 'promote-release' }>,
): PreparedAction {
  const where: Where = { accountId: svc.accountId, region: svc.region };
  const outcome = (previous?: string): ActionOutcome => ({
    message: `${request.deploymentId} is the primary task set of ${
      target.loaded.env.name
    } with all production traffic; the previous task set is deleted${
      previous ? ` and ${previous} deregistered` : ''
    }`,
    awsResource: svc.arn,
    deploymentId: request.deploymentId,
  });
  const promoted = (state: ReleaseState) =>
    releaseId(state.primary) === request.deploymentId && !state.incoming;
  return {
    ownedResource: svc.arn,
    async perform(attempt: ActionAttempt) {
      const state = await readReleaseState(ctx, svc);
      if (promoted(state)) return outcome();
      // An earlier try made it primary and stopped before deleting the other.
      const resumed = releaseId(state.primary) === request.deploymentId;
      if (!resumed) assertApplies(target, state, request);
      await assertReleaseOwned(ctx, target.entityRef, state);
      const incoming = resumed ? state.primary : state.incoming!;
      const previous = resumed ? state.incoming! : state.primary;
      const allToIncoming: Forward[] = [
        { targetGroupArn: previous.targetGroupArns[0], weight: 0 },
        { targetGroupArn: incoming.targetGroupArns[0], weight: 100 },
      ];
      // Traffic first: the previous task set is not deleted while it serves.
      await Promise.all(
        listenersOf(state).map(listener =>
          attempt.mutate(() =>
            ctx.aws.elbv2.forwardByWeight(where, listener.arn, allToIncoming, {
              operation: `moving all traffic of :${listener.port} to ${request.deploymentId}`,
            }),
          ),
        ),
      );
      if (!resumed) {
        await attempt.mutate(() =>
          ctx.aws.ecs.updateServicePrimaryTaskSet(svc, incoming.arn!, {
            operation: `making ${request.deploymentId} the primary task set`,
          }),
        );
      }
      await attempt.mutate(() =>
        ctx.aws.ecs.deleteTaskSet(svc, previous.arn!, {
          operation: `deleting the previous task set ${releaseId(previous)}`,
        }),
      );
      const oldRevision = previous.taskDefinitionArn;
      const deregister =
        request.deregisterPrevious &&
        oldRevision &&
        oldRevision !== incoming.taskDefinitionArn;
      if (deregister) {
        await attempt.mutate(() =>
          ctx.aws.ecs.deregisterTaskDefinition(where, oldRevision, {
            operation: `deregistering ${oldRevision}`,
          }),
        );
      }
      return outcome(deregister ? oldRevision : undefined);
    },
    async reconcile() {
      return promoted(await readReleaseState(ctx, svc)) ? outcome() : undefined;
    },
  };
}

function prepareAbort(
  ctx: ActionContext,
  target: ActionTarget,
  svc: EcsServiceRef,
  request: Extract<ReleaseActionRequest, { action: 'abort-release' }>,
): PreparedAction {
  const where: Where = { accountId: svc.accountId, region: svc.region };
  const outcome = (): ActionOutcome => ({
    message: `Release ${request.deploymentId} in ${target.loaded.env.name} aborted: all traffic is back on the primary task set and the release's task set is deleted`,
    awsResource: svc.arn,
    deploymentId: request.deploymentId,
  });
  return {
    ownedResource: svc.arn,
    async perform({ mutate }) {
      const state = await readReleaseState(ctx, svc);
      assertApplies(target, state, request);
      await assertReleaseOwned(ctx, target.entityRef, state);
      await Promise.all(
        listenersOf(state).map(listener =>
          mutate(() =>
            ctx.aws.elbv2.forwardByWeight(
              where,
              listener.arn,
              weights(state, 0),
              {
                operation: `moving the traffic of :${listener.port} back to the primary task set`,
              },
            ),
          ),
        ),
      );
      await mutate(() =>
        ctx.aws.ecs.deleteTaskSet(svc, state.incoming!.arn!, {
          operation: `deleting the release's task set ${request.deploymentId}`,
        }),
      );
      return outcome();
    },
    async reconcile() {
      const state = await readReleaseState(ctx, svc);
      return state.incoming ? undefined : outcome();
    },
  };
}

/** Prepares a release action on the environment's EXTERNAL service. */
export function prepareReleaseAction(
  ctx: ActionContext,
  target: ActionTarget,
  request: ReleaseActionRequest,
): PreparedAction {
  const svc = target.loaded.env.service;
  if (!svc || target.loaded.service?.controller !== 'EXTERNAL') {
    throw new InputError(
      `environment: '${target.loaded.env.name}' has no service deployed by the EXTERNAL deployment controller; ${request.action} moves task sets of such services`,
    );
  }
  switch (request.action) {
    case 'start-release':
      return startRelease(ctx, target, svc, request);
    case 'shift-traffic':
      return prepareShift(ctx, target, svc, request);
    case 'promote-release':
      return preparePromoteRelease(ctx, target, svc, request);
    default:
      return prepareAbort(ctx, target, svc, request);
  }
}
