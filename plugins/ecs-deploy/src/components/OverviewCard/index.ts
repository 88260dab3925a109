export { EcsDeployOverviewCard } from './EcsDeployOverviewCard';
export type { EcsDeployOverviewCardProps } from './EcsDeployOverviewCard';
