export { ecsDeployPlugin as default } from './plugin';
