import { ActionOffer, TaskSetInfo } from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { offer } from '../offers';
import { TrafficRead } from '../DeploymentSystem';
import { ReleaseFacts, nextShiftStep, releaseRefusal } from './preconditions';
import { taskSetHistoryId } from './summary';

/**
 * The release facts of what the traffic view read (cached): the task set
 * next to the primary is the release, its production weight the share
 * shifted; a target group of the production listener that no task set uses
 * is free for the next release.
 */
export function factsOfTraffic(
  loaded: LoadedEnvironment,
  traffic: TrafficRead,
): ReleaseFacts {
  const incoming: TaskSetInfo | undefined = traffic.taskSets.find(
    t => t.label !== 'PRIMARY',
  );
  const state = loaded.service?.taskSets.find(t => t.id === incoming?.id);
  const used = new Set(traffic.taskSets.map(t => t.targetGroupName));
  const production = traffic.listeners.find(l => l.role === 'production');
  return {
    environment: loaded.env.name,
    ...(incoming
      ? {
          incoming: taskSetHistoryId(incoming.id),
          incomingSteady:
            state?.stabilityStatus === 'STEADY_STATE' &&
            incoming.runningCount >= incoming.desiredCount,
          incomingTasks: {
            running: incoming.runningCount,
            desired: incoming.desiredCount,
          },
        }
      : {}),
    shiftedPercent: incoming?.trafficWeight ?? 0,
    freeGroup: !!production?.targetGroups.some(tg => !used.has(tg.name)),
  };
}

/** Starting a release, offered on the environment (from the one before it, when there is one). */
export function startReleaseOffer(facts: ReleaseFacts): ActionOffer {
  return offer('start-release', releaseRefusal('start-release', facts));
}

/** What the release under way offers: the next step of the shift, promote, abort. */
export function releaseOffers(facts: ReleaseFacts): ActionOffer[] {
  if (!facts.incoming) return [];
  const deploymentId = facts.incoming;
  const next = nextShiftStep(facts.shiftedPercent);
  return [
    ...(next
      ? [
          offer(
            'shift-traffic',
            releaseRefusal('shift-traffic', facts, { percent: next }),
            { deploymentId, percent: next, fromPercent: facts.shiftedPercent },
          ),
        ]
      : []),
    offer('promote-release', releaseRefusal('promote-release', facts), {
      deploymentId,
    }),
    offer('abort-release', releaseRefusal('abort-release', facts), {
      deploymentId,
    }),
  ];
}

/**
 * A start-release offer names the environment before this one as where the
 * image comes from; the first environment has none to take it from.
 */
export function withReleaseSource(
  offers: ActionOffer[],
  previous: string | undefined,
): ActionOffer[] {
  return offers.map(o => {
    if (o.action !== 'start-release') return o;
    if (!previous) {
      return {
        ...o,
        unavailableReason:
          o.unavailableReason ??
          'No environment comes before this one to release from; start a release with an image tag through the API',
      };
    }
    return { ...o, request: { ...o.request, from: previous } };
  });
}
