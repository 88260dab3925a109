import { DeploymentSystem } from '../DeploymentSystem';
import { taskSetDetail } from './detail';
import { taskSetSource } from './history';
import { externalTraffic } from './traffic';

/**
 * EXTERNAL task sets (EXTERNAL controller): AWS keeps no deployment records
 * for them; the task sets are the deployments, moved by the tool that
 * created them, so the portal offers no actions on them.
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
};
