export { ecsDeployApiRef } from './EcsDeployApi';
export type { EcsDeployApi, EcsDeployReadOptions } from './EcsDeployApi';
export { EcsDeployClient } from './EcsDeployClient';
