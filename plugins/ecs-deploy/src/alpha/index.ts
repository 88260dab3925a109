export { ecsDeployPlugin as default } from './plugin';
export {
  ecsDeployApi,
  ecsDeployEntityCard,
  ecsDeploymentsEntityContent,
  ecsTrafficEntityContent,
} from './extensions';
