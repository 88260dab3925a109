import { createPermission } from '@backstage/plugin-permission-common';

// The catalog's resource type, written out so that this package does not
// depend on @backstage/plugin-catalog-common for one string.
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * Read the deployments, traffic and tasks of an entity's ECS services.
 *
 * @public
 */
export const ecsDeployReadPermission = createPermission({
  name: 'ecs-deploy.deployment.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Continue a waiting deployment (blue/green ready wait, ECS pause hook) or
 * finish it early by terminating the original task set.
 *
 * @public
 */
export const ecsDeployContinuePermission = createPermission({
  name: 'ecs-deploy.deployment.continue',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or reject a pipeline's pending manual approval.
 *
 * @public
 */
export const ecsDeployApprovePermission = createPermission({
  name: 'ecs-deploy.pipeline.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Stop an in-progress deployment and roll it back.
 *
 * @public
 */
export const ecsDeployRollbackPermission = createPermission({
  name: 'ecs-deploy.deployment.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a pipeline execution or retry a failed stage.
 *
 * @public
 */
export const ecsDeployStartPermission = createPermission({
  name: 'ecs-deploy.pipeline.start',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Promote an image to the next environment by retagging it in ECR.
 *
 * @public
 */
export const ecsDeployPromotePermission = createPermission({
  name: 'ecs-deploy.image.promote',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Run a release of an EXTERNAL-controller service: start it (a new task set
 * taking test traffic), shift production traffic to it, and promote it.
 * Aborting one needs {@link ecsDeployRollbackPermission}.
 *
 * @public
 */
export const ecsDeployReleasePermission = createPermission({
  name: 'ecs-deploy.release.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create a new ECS service (and its infrastructure) from the scaffolder's
 * ECS actions. Not a resource permission: the entity does not exist yet. The
 * actions also require the caller to be a member of the owner they choose.
 *
 * @public
 */
export const ecsDeployServiceCreatePermission = createPermission({
  name: 'ecs-deploy.service.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the ECS Deploy plugins, for registration.
 *
 * @public
 */
export const ecsDeployPermissions = [
  ecsDeployReadPermission,
  ecsDeployContinuePermission,
  ecsDeployApprovePermission,
  ecsDeployRollbackPermission,
  ecsDeployStartPermission,
  ecsDeployPromotePermission,
  ecsDeployReleasePermission,
  ecsDeployServiceCreatePermission,
];
