import { Entity } from '@backstage/catalog-model';
import { hasEcsDeployAnnotations } from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * True when the entity names ECS services the plugin can show: a per
 * environment service ARN, the awslabs annotation, or discovery by tags.
 * Use it to show the tabs and the card only where they have something to say.
 *
 * @public
 */
export function isEcsDeployAvailable(entity: Entity): boolean {
  return hasEcsDeployAnnotations(entity);
}
