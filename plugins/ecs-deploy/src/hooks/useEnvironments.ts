import { useCallback, useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { EnvironmentsResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployReadOptions, ecsDeployApiRef } from '../api';
import { useEntityRef } from './useEntityRef';

/**
 * What runs in each of the entity's environments, read on mount. `reload`
 * reads again and keeps the last answer on screen meanwhile (`loading` is
 * true, `value` stays); `moving` says whether a deployment is under way or
 * waits for someone, the times worth polling for.
 */
export function useEnvironments() {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const [state, read] = useAsyncFn(
    (options?: EcsDeployReadOptions): Promise<EnvironmentsResponse> =>
      api.getEnvironments(entityRef, options),
    [api, entityRef],
    { loading: true },
  );
  useEffect(() => {
    read();
  }, [read]);
  // For buttons, whose handlers get an event.
  const retry = useCallback(() => read(), [read]);
  const moving = Boolean(
    state.value?.environments.some(
      e => e.deploymentInProgress || e.waitingForAction,
    ),
  );
  return { ...state, moving, reload: read, retry };
}
