/**
 * Deployments and Traffic tabs for Amazon ECS services on Backstage entity
 * pages, with promotion controls.
 *
 * @packageDocumentation
 */
export {
  ecsDeployPlugin,
  EntityEcsDeploymentsContent,
  EntityEcsTrafficContent,
  EntityEcsDeployCard,
} from './plugin';
export { isEcsDeployAvailable } from './isEcsDeployAvailable';
export * from './api';
export type { EcsDeployOverviewCardProps } from './components/OverviewCard';
export type { EcsTrafficContentProps } from './components/TrafficContent';
