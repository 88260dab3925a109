import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ActionLedgerEntry } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../api';
import { errorStatus } from '../utils/errors';
import { useEntityRef } from './useEntityRef';

/**
 * The latest portal actions on the entity. A backend without the promotion
 * endpoints answers 404; that is no error for the views, just no ledger.
 */
export function useLedger() {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  return useAsyncRetry(async (): Promise<ActionLedgerEntry[]> => {
    try {
      const page = await api.getLedger(entityRef, { limit: 100 });
      return page.items;
    } catch (e) {
      if (errorStatus(e) === 404) {
        return [];
      }
      throw e;
    }
  }, [api, entityRef]);
}
