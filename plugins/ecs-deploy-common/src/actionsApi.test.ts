import {
  ECS_DEPLOY_ACTION_NAMES,
  ECS_DEPLOY_ACTION_PERMISSIONS,
} from './actionsApi';
import { ecsDeployPermissions, ecsDeployReadPermission } from './permissions';

describe('ECS_DEPLOY_ACTION_PERMISSIONS', () => {
  it('guards every action with a registered, non-read permission', () => {
    for (const action of ECS_DEPLOY_ACTION_NAMES) {
      const permission = ECS_DEPLOY_ACTION_PERMISSIONS[action];
      expect(ecsDeployPermissions).toContain(permission);
      expect(permission).not.toBe(ecsDeployReadPermission);
      expect(permission.resourceType).toBe('catalog-entity');
    }
  });

  it('names no action that is not in the list', () => {
    expect(Object.keys(ECS_DEPLOY_ACTION_PERMISSIONS).sort()).toEqual(
      [...ECS_DEPLOY_ACTION_NAMES].sort(),
    );
  });
});
