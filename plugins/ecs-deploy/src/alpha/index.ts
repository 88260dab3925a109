export { ecsDeployPlugin as default } from './plugin';
export {
  ecsDeployApi,
  ecsDeployEntityCard,
  ecsDeploymentsEntityContent,
  ecsTrafficEntityContent,
} from './extensions';
export { ecsDeployTranslationRef } from '../translation';
