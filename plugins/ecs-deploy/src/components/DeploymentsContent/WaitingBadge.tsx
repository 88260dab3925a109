import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import {
  getEntityRelations,
  humanizeEntityRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Badge } from '@backstage/ui';
import {
  ecsDeployApprovePermission,
  ecsDeployContinuePermission,
  EnvironmentOverview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { useEntityPermission } from '../../hooks/useEntityPermission';
import badges from './EnvironmentBadge.module.css';

/** The entity's owners as people name them ("team-checkout"), if it has any. */
export function ownerNames(entity: Entity): string | undefined {
  // Named as the entity names them: a group of its own namespace by name.
  const defaults = {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  };
  const related = getEntityRelations(entity, RELATION_OWNED_BY);
  const owner = entity.spec?.owner;
  const refs =
    related.length || typeof owner !== 'string' || !owner
      ? related
      : [parseEntityRef(owner, defaults)];
  return refs.length
    ? refs.map(r => humanizeEntityRef(r, defaults)).join(', ')
    : undefined;
}

/**
 * Whom an environment waits for: "you" when the signed-in user may take the
 * step it waits for (the pipeline's approval, else continuing the
 * deployment), as the permission policy decides for this entity; otherwise
 * the entity's owners, whose step it is.
 */
export const WaitingBadge = ({ env }: { env: EnvironmentOverview }) => {
  const { entity } = useEntity();
  const { loading, allowed } = useEntityPermission(
    env.pipeline?.waitingExecutionId
      ? ecsDeployApprovePermission
      : ecsDeployContinuePermission,
  );
  let text = 'Waiting';
  if (!loading) {
    text = allowed
      ? 'Waiting for you'
      : `Waiting for ${ownerNames(entity) ?? 'its owners'}`;
  }
  return <Badge className={badges.waiting}>{text}</Badge>;
};
