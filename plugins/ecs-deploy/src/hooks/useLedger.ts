import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ActionLedgerEntry } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployReadOptions, ecsDeployApiRef } from '../api';
import { errorStatus } from '../utils/errors';
import { useEntityRef } from './useEntityRef';

/**
 * The latest portal actions on the entity, read on mount and again on
 * `reload`. A backend without the promotion endpoints answers 404; that is
 * no error for the views, just no ledger.
 */
export function useLedger() {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const [state, reload] = useAsyncFn(
    async (options?: EcsDeployReadOptions): Promise<ActionLedgerEntry[]> => {
      try {
        const page = await api.getLedger(entityRef, { limit: 100, ...options });
        return page.items;
      } catch (e) {
        if (errorStatus(e) === 404) {
          return [];
        }
        throw e;
      }
    },
    [api, entityRef],
    { loading: true },
  );
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}
