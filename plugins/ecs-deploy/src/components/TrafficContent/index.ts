export { EcsTrafficContent } from './EcsTrafficContent';
export type { EcsTrafficContentProps } from './EcsTrafficContent';
