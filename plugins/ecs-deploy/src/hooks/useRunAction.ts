import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { EcsDeployActionRequest } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../api';
import { useEntityRef } from './useEntityRef';

/**
 * Binds an action request to the current entity, giving the `run` an
 * `EcsActionButton` calls with the dialog's idempotency key and comment (the
 * comment only matters to approvals).
 */
export function useRunAction() {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  return useCallback(
    (request: EcsDeployActionRequest) =>
      (idempotencyKey: string, comment: string | undefined) =>
        api.performAction(
          entityRef,
          request.action === 'approve' ? { ...request, comment } : request,
          { idempotencyKey },
        ),
    [api, entityRef],
  );
}
