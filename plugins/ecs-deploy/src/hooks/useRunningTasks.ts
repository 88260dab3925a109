import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { EnvironmentTasks } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployReadOptions, ecsDeployApiRef } from '../api';
import { useEntityRef } from './useEntityRef';

type State = {
  environments?: EnvironmentTasks[];
  error?: Error;
  loading: boolean;
};

/**
 * The running tasks of every environment, read on mount. `reload` reads
 * again, all environments or the one named (after a signal for it), and
 * keeps the others as they were; a read that fails keeps what was shown.
 * An answer older than one already applied to an environment is dropped.
 */
export function useRunningTasks() {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const [state, setState] = useState<State>({ loading: true });
  const reads = useRef(0);
  const applied = useRef(new Map<string, number>());

  const reload = useCallback(
    async (options: { environment?: string } & EcsDeployReadOptions = {}) => {
      const number = ++reads.current;
      try {
        const response = await api.getRunningTasks(entityRef, options);
        setState(s => {
          const fresh = response.environments.filter(
            e => (applied.current.get(e.environment) ?? 0) < number,
          );
          for (const e of fresh) applied.current.set(e.environment, number);
          const byName = new Map(fresh.map(e => [e.environment, e]));
          const environments = options.environment
            ? (s.environments ?? []).map(e => byName.get(e.environment) ?? e)
            : response.environments.map(
                e =>
                  byName.get(e.environment) ??
                  s.environments?.find(o => o.environment === e.environment) ??
                  e,
              );
          return { environments, loading: false };
        });
      } catch (error) {
        setState(s => ({ ...s, loading: false, error: error as Error }));
      }
    },
    [api, entityRef],
  );

  useEffect(() => {
    reload();
  }, [reload]);
  // For buttons, whose handlers get an event.
  const retry = useCallback(() => reload(), [reload]);
  return { ...state, reload, retry };
}
