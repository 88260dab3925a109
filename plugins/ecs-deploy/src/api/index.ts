export { ecsDeployApiRef } from './EcsDeployApi';
export type { EcsDeployApi } from './EcsDeployApi';
export { EcsDeployClient } from './EcsDeployClient';
