import {
  DeploymentSystem,
  EnvironmentActionRequest,
  EnvironmentActions,
  ReleaseActionName,
} from '../DeploymentSystem';
import { ReleaseActionRequest, prepareReleaseAction } from './actions';
import { taskSetDetail } from './detail';
import { taskSetSource } from './history';
import { factsOfTraffic, startReleaseOffer } from './offers';
import { externalTraffic } from './traffic';

const RELEASE_ACTIONS: readonly ReleaseActionName[] = [
  'start-release',
  'shift-traffic',
  'promote-release',
  'abort-release',
];

const isRelease = (r: EnvironmentActionRequest): r is ReleaseActionRequest =>
  (RELEASE_ACTIONS as readonly string[]).includes(r.action);

const releaseActions: EnvironmentActions = {
  actions: RELEASE_ACTIONS,
  prepare: (ctx, target, request) => {
    if (!isRelease(request)) {
      throw new Error(`${request.action} is not a release action`);
    }
    return prepareReleaseAction(ctx, target, request);
  },
};

/**
 * EXTERNAL task sets (EXTERNAL controller): AWS keeps no deployment records
 * for them; the task sets are the deployments. The portal moves a release
 * as field note 003 does: a new task set on the free target group taking
 * test traffic, production shifted by listener weights, then promoted or
 * aborted.
 */
export const taskSetsSystem: DeploymentSystem = {
  id: 'taskSets',
  entryKind: 'ecs',
  appliesTo: loaded => loaded.service?.controller === 'EXTERNAL',
  historySource: (_ctx, loaded) => taskSetSource(loaded.env, loaded.service!),
  detail: taskSetDetail,
  service: {
    controller: 'EXTERNAL',
    info: () => ({ id: 'taskSets', label: 'EXTERNAL task sets' }),
    strategy: async (_ctx, loaded) => loaded.service!.strategy,
    traffic: (ctx, loaded) => externalTraffic(ctx, loaded),
    recordsImageDigests: false,
  },
  environmentActions: releaseActions,
  overview: async (ctx, loaded) => {
    const facts = factsOfTraffic(loaded, await externalTraffic(ctx, loaded));
    return { offers: [startReleaseOffer(facts)] };
  },
};
