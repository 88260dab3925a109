import { ReleaseActionName } from '../DeploymentSystem';
import { ReleaseState, percentTo, releaseId } from './releaseState';

/*
 * When each release action applies, as one predicate per action: the
 * action checks it on the state read now (409 with its reason), the offers
 * on the state the traffic view last read.
 */

/** What the predicates need to know of a service, however it was read. */
export interface ReleaseFacts {
  environment: string;
  /** History id of the release's task set, when one is under way. */
  incoming?: string;
  incomingSteady?: boolean;
  /** Running and desired tasks of the release's task set. */
  incomingTasks?: { running: number; desired: number };
  /** Production traffic on the release's task set, in percent. */
  shiftedPercent: number;
  /** Whether a target group is free for a new task set. */
  freeGroup: boolean;
}

/** The production shares a shift steps through; the last is all of it. */
export const SHIFT_STEPS = [10, 25, 50, 100] as const;

/** The step after the share now: 10%, 25%, 50%, then all. */
export function nextShiftStep(percent: number): number | undefined {
  return SHIFT_STEPS.find(step => step > percent);
}

/** The facts of a state read now. */
export function factsOf(
  environment: string,
  state: ReleaseState,
): ReleaseFacts {
  const { incoming } = state;
  return {
    environment,
    ...(incoming
      ? {
          incoming: releaseId(incoming),
          incomingSteady:
            incoming.stabilityStatus === 'STEADY_STATE' &&
            incoming.runningCount >= incoming.desiredCount,
          incomingTasks: {
            running: incoming.runningCount,
            desired: incoming.desiredCount,
          },
        }
      : {}),
    shiftedPercent:
      incoming && state.freeGroup
        ? percentTo(state.production, state.freeGroup)
        : 0,
    freeGroup: !!state.freeGroup,
  };
}

function underWay(facts: ReleaseFacts, deploymentId?: string) {
  if (!facts.incoming) {
    return `No release is under way in ${facts.environment}`;
  }
  if (deploymentId !== undefined && deploymentId !== facts.incoming) {
    return `The release under way in ${facts.environment} is ${facts.incoming}, not ${deploymentId}`;
  }
  return undefined;
}

function notSteady(facts: ReleaseFacts) {
  if (facts.incomingSteady) return undefined;
  const tasks = facts.incomingTasks;
  return `Task set ${facts.incoming} is not steady yet${
    tasks ? ` (${tasks.running} of ${tasks.desired} tasks running)` : ''
  }`;
}

/** What the person asked, beyond the action. */
export interface ReleaseAsk {
  deploymentId?: string;
  percent?: number;
  fromPercent?: number;
}

/** Why the action does not apply to the service now; undefined when it does. */
export function releaseRefusal(
  action: ReleaseActionName,
  facts: ReleaseFacts,
  ask: ReleaseAsk = {},
): string | undefined {
  switch (action) {
    case 'start-release':
      if (facts.incoming) {
        return `A release is under way in ${facts.environment}: task set ${facts.incoming} takes ${facts.shiftedPercent}% of production traffic; promote or abort it first`;
      }
      return facts.freeGroup
        ? undefined
        : `The listeners of ${facts.environment} forward to one target group only; a release needs a second one on the production listener (at weight 0) to start on`;
    case 'shift-traffic': {
      const refusal = underWay(facts, ask.deploymentId) ?? notSteady(facts);
      if (refusal) return refusal;
      if (
        ask.fromPercent !== undefined &&
        ask.fromPercent !== facts.shiftedPercent
      ) {
        return `Production traffic on ${facts.incoming} is ${facts.shiftedPercent}% now, not ${ask.fromPercent}%: look at the split again`;
      }
      if (ask.percent !== undefined && ask.percent === facts.shiftedPercent) {
        return `Production traffic on ${facts.incoming} is already ${facts.shiftedPercent}%`;
      }
      return facts.shiftedPercent >= 100 && ask.percent === undefined
        ? `All production traffic is on ${facts.incoming}: promote it or abort`
        : undefined;
    }
    case 'promote-release':
      return underWay(facts, ask.deploymentId) ?? notSteady(facts);
    case 'abort-release':
      return underWay(facts, ask.deploymentId);
    default:
      return undefined;
  }
}
