import {
  ActionOffer,
  EcsDeployActionName,
  EnvironmentOverview,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * The actions that move a release forward, in the order in which one is an
 * environment's main action: a deployment waiting for a person first, then
 * a waiting approval, a failed stage, and otherwise shipping the next
 * release. Rolling back is never the main action.
 */
const MAIN_ORDER: readonly EcsDeployActionName[] = [
  'continue',
  'finish-early',
  'approve',
  'retry-stage',
  'promote',
  'start-release',
  'start-pipeline',
];

/** When nothing moves forward now, the action whose reason says why not. */
const IDLE_MAIN_ORDER: readonly EcsDeployActionName[] = [
  'promote',
  'start-release',
  'start-pipeline',
];

/** What an environment card shows of the offers. */
export type EnvironmentOffers = {
  /** The offers that apply now, the main one first, the others in the backend's order. */
  applicable: ActionOffer[];
  /**
   * The environment's main action: the first of {@link MAIN_ORDER} that
   * applies now; else the promotion or pipeline start, with its
   * `unavailableReason`. Absent when the backend offers neither.
   */
  main?: ActionOffer;
};

const first = (
  offers: readonly ActionOffer[],
  order: readonly EcsDeployActionName[],
) =>
  order
    .map(action => offers.find(o => o.action === action))
    .find((o): o is ActionOffer => o !== undefined);

/**
 * The offers of an environment card: those on its last deployment (the
 * environment's own ones, such as the pipeline's approval, counted once) and
 * those on the environment. `canPromote` is false on the last environment,
 * which has nowhere to promote to.
 */
export function environmentOffers(
  env: Pick<EnvironmentOverview, 'offers' | 'lastDeployment'>,
  { canPromote }: { canPromote: boolean },
): EnvironmentOffers {
  const own = env.offers ?? [];
  const all = [
    ...(env.lastDeployment?.offers ?? []).filter(
      o => !own.some(e => e.action === o.action),
    ),
    ...own,
  ].filter(o => canPromote || o.action !== 'promote');
  const applicable = all.filter(o => !o.unavailableReason);
  const main = first(applicable, MAIN_ORDER) ?? first(all, IDLE_MAIN_ORDER);
  return {
    applicable: main?.unavailableReason
      ? applicable
      : [...(main ? [main] : []), ...applicable.filter(o => o !== main)],
    ...(main ? { main } : {}),
  };
}
