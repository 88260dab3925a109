import { ConflictError } from '@backstage/errors';
import { EcsServiceRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ActionContext } from '../../actions/types';
import { assertAllOwnedByEntity } from '../../actions/ownership';
import {
  Forward,
  ListenerState,
  ServiceState,
  TaskSetState,
} from '../../aws/state';
import { Where } from '../../aws/withCache';
import { taskSetHistoryId } from './summary';

/**
 * An EXTERNAL service as a release moves it (field note 003): the primary
 * task set behind one target group, at most one other task set (the release)
 * behind the other, a production listener and a test listener forwarding to
 * both by weight.
 */
export interface ReleaseState {
  service: ServiceState;
  primary: TaskSetState;
  /** The task set being released, when a release is under way. */
  incoming?: TaskSetState;
  production: ListenerState;
  test?: ListenerState;
  /** The primary's target group. */
  primaryGroup: string;
  /** The other target group the listeners know: where a release goes. */
  freeGroup?: string;
}

/** The release's history id (`ecs:ecs-svc.…`), as the history and traffic name it. */
export const releaseId = (taskSet: TaskSetState) =>
  taskSetHistoryId(taskSet.id);

/** The share of a listener's traffic that goes to a target group, in percent. */
export function percentTo(listener: ListenerState, targetGroupArn: string) {
  const total = listener.forwards.reduce((sum, f) => sum + f.weight, 0);
  const weight = listener.forwards
    .filter(f => f.targetGroupArn === targetGroupArn)
    .reduce((sum, f) => sum + f.weight, 0);
  return total > 0 ? Math.round((weight / total) * 1000) / 10 : 0;
}

const notReleasable = (reason: string) =>
  withErrorCode(
    new ConflictError(
      `This service cannot be released from the portal: ${reason}`,
    ),
    'NotReleasable',
  );

/**
 * The lowest-port listener is production and the next is test, as the
 * traffic view reads them; both must forward to target groups by weight.
 */
function rolesOf(listeners: ListenerState[]) {
  const sorted = [...listeners].sort((a, b) => a.port - b.port);
  return { production: sorted[0], test: sorted[1] };
}

/** Reads the service and its listeners now (no cache): what an action checks. */
export async function readReleaseState(
  ctx: ActionContext,
  svc: EcsServiceRef,
): Promise<ReleaseState> {
  const where: Where = { accountId: svc.accountId, region: svc.region };
  const service = await ctx.aws.ecs.serviceNow(svc);
  if (service.controller !== 'EXTERNAL') {
    throw notReleasable(`its deployment controller is ${service.controller}`);
  }
  const primary = service.taskSets.find(t => t.status === 'PRIMARY');
  if (!primary) throw notReleasable('it has no primary task set');
  const primaryGroup = primary.targetGroupArns[0];
  if (!primaryGroup) {
    throw notReleasable('its primary task set is behind no target group');
  }
  const others = service.taskSets.filter(t => t !== primary);
  if (others.length > 1) {
    throw notReleasable(
      `it runs ${others.length} task sets beside the primary; the portal moves one release at a time`,
    );
  }
  const [group] = await ctx.aws.elbv2.targetGroups(where, {
    arns: [primaryGroup],
  });
  const listeners = (
    await Promise.all(
      (group?.loadBalancerArns ?? []).map(lb =>
        ctx.aws.elbv2.listenersOfLoadBalancerNow(where, lb),
      ),
    )
  ).flat();
  const { production, test } = rolesOf(listeners);
  if (!production) {
    throw notReleasable(
      'no load balancer listener routes to its primary task set',
    );
  }
  const used = new Set(service.taskSets.flatMap(t => t.targetGroupArns));
  const known = listeners.flatMap(l => l.forwards.map(f => f.targetGroupArn));
  const incoming = others[0];
  return {
    service,
    primary,
    ...(incoming ? { incoming } : {}),
    production,
    ...(test ? { test } : {}),
    primaryGroup,
    freeGroup: incoming
      ? incoming.targetGroupArns[0]
      : known.find(arn => !used.has(arn)),
  };
}

/** The listeners a release moves. */
export function listenersOf(state: ReleaseState): ListenerState[] {
  return [state.production, ...(state.test ? [state.test] : [])];
}

/**
 * Refuses (403) unless the listeners and target groups a release moves, not
 * only its service, carry the entity's tag.
 */
export function assertReleaseOwned(
  ctx: ActionContext,
  entityRef: string,
  state: ReleaseState,
): Promise<void> {
  return assertAllOwnedByEntity(ctx, entityRef, [
    ...listenersOf(state).map(l => l.arn),
    state.primaryGroup,
    ...(state.freeGroup ? [state.freeGroup] : []),
  ]);
}

/** Both target groups of a release, weighted: `incomingPercent` on the release. */
export const weights = (
  state: ReleaseState,
  incomingPercent: number,
): Forward[] => [
  { targetGroupArn: state.primaryGroup, weight: 100 - incomingPercent },
  { targetGroupArn: state.freeGroup!, weight: incomingPercent },
];
