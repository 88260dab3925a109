import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  ecsDeployApprovePermission,
  ecsDeployPromotePermission,
  ecsDeployReadPermission,
  ecsDeployServiceCreatePermission,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { OwnersActPolicy } from './permissionPolicy';

const guest = {
  identity: {
    type: 'user' as const,
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-payments'],
  },
  info: {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-payments'],
  },
  token: 'token',
  credentials: {} as any,
};

describe('OwnersActPolicy', () => {
  const policy = new OwnersActPolicy();

  it('lets everyone read deployments', async () => {
    await expect(
      policy.handle({ permission: ecsDeployReadPermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each([ecsDeployApprovePermission, ecsDeployPromotePermission])(
    'allows $name only on entities owned by the user or their groups',
    async permission => {
      await expect(policy.handle({ permission }, guest)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/guest', 'group:default/team-payments'],
          },
        },
      });
    },
  );

  it('lets members of a team create ECS services, and nobody else', async () => {
    const permission = ecsDeployServiceCreatePermission;
    await expect(policy.handle({ permission }, guest)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    const loner = {
      ...guest,
      info: { ...guest.info, ownershipEntityRefs: ['user:default/loner'] },
    };
    await expect(policy.handle({ permission }, loner)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    await expect(policy.handle({ permission })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('leaves other plugins alone', async () => {
    await expect(
      policy.handle({ permission: catalogEntityDeletePermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
