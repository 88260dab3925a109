export { EcsDeploymentsContent } from './EcsDeploymentsContent';
