import { ServiceDeployment } from '@aws-sdk/client-ecs';

/*
 * When ECS takes each action on a service deployment, as one predicate per
 * action: the action checks it on the deployment read now (409 with its
 * reason), the history offers it from the deployment as last read.
 */

/** The deployment actions ECS-native deployments support. */
export type EcsActionName = 'continue' | 'rollback';

const STOPPABLE = new Set(['PENDING', 'IN_PROGRESS']);

function describeState(d: ServiceDeployment): string {
  const hooks = (d.lifecycleHookDetails ?? [])
    .map(h => `${h.targetType ?? 'hook'} ${h.status ?? ''}`.trim())
    .join(', ');
  return `it is ${d.status ?? 'in an unknown state'}${
    d.lifecycleStage ? ` at ${d.lifecycleStage}` : ''
  }${hooks ? ` (hooks: ${hooks})` : ''}`;
}

/** The lifecycle hook waiting for a person, if any. */
export function awaitingHook(d: ServiceDeployment) {
  return (d.lifecycleHookDetails ?? []).find(
    h => h.status === 'AWAITING_ACTION',
  );
}

/** Why ECS would refuse the action on the deployment now; undefined when it would take it. */
export function ecsRefusal(
  action: EcsActionName,
  id: string,
  d: ServiceDeployment,
): string | undefined {
  if (action === 'continue') {
    return d.status === 'IN_PROGRESS' && awaitingHook(d)?.hookId
      ? undefined
      : `Service deployment ${id} is not paused at a lifecycle hook: ${describeState(
          d,
        )}`;
  }
  return STOPPABLE.has(d.status ?? '')
    ? undefined
    : `Service deployment ${id} cannot be stopped: ${describeState(d)}`;
}

/** Where each action leaves a service deployment once ECS has taken it. */
export const TAKEN: Record<EcsActionName, (d: ServiceDeployment) => boolean> = {
  // Past the hook: moving or done, and nothing awaits a person.
  continue: d =>
    ['IN_PROGRESS', 'SUCCESSFUL'].includes(d.status ?? '') && !awaitingHook(d),
  rollback: d => (d.status ?? '').startsWith('ROLLBACK_'),
};
