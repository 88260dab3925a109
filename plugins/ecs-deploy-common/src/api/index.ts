export * from './model';
export type * from './history';
export type * from './environments';
export type * from './deployment';
export type * from './traffic';
export type * from './stoppedTasks';
export type * from './runningTasks';
export type * from './offers';
export type * from './metrics';
