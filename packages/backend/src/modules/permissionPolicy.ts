import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  ecsDeployPermissions,
  ecsDeployReadPermission,
  ecsDeployServiceCreatePermission,
} from '@ecs-deploy/plugin-ecs-deploy-common';

const ecsDeployActionNames = new Set(
  ecsDeployPermissions
    .filter(p => p.name !== ecsDeployReadPermission.name)
    .map(p => p.name),
);

/**
 * The demo portal's policy: everyone may read everything; ECS Deploy actions
 * (continue, approve, roll back, start, promote) are allowed only on entities
 * the user's groups own; creating an ECS service from the template is allowed
 * to members of any team (the scaffolder actions then require membership of
 * the owner chosen). A platform team would extend this with its own rules.
 */
export class OwnersActPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.name === ecsDeployServiceCreatePermission.name) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return {
        result: claims.some(ref => ref.startsWith('group:'))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      ecsDeployActionNames.has(permission.name) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-act-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnersActPolicy());
      },
    });
  },
});
