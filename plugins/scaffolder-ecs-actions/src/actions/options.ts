import type {
  AwsClientFactory,
  EcsDeployTagKeys,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import type { ServiceAuthorizer } from '../authz/ServiceAuthorizer';
import type { ScaffolderSettings } from '../config/scaffolderConfig';

/**
 * What every ecs:* action is built from: the AWS client factory shared with
 * the ECS Deploy backend (credentials per account, endpoint override), the tag
 * keys that tie resources to entities, the module's config, and the gate that
 * decides who may create a service for which owner.
 *
 * @public
 */
export interface EcsActionOptions {
  clients: Pick<AwsClientFactory, 'forResource' | 'defaultRegion'>;
  settings: ScaffolderSettings;
  tagKeys: EcsDeployTagKeys;
  authorizer: Pick<ServiceAuthorizer, 'authorize'>;
}
