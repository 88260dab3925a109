export { startSandbox } from './startSandbox';
export type {
  SandboxOptions,
  RunningSandbox,
  SandboxLogger,
} from './startSandbox';
export { createWorld } from './createWorld';
export type { CreateWorldOptions, CreatedWorld } from './createWorld';
export { CallLog } from './CallLog';
export type { CallLogEntry } from './CallLog';
export { FaultInjector } from './FaultInjector';
export type { FaultConfig, FaultRule, FaultDecision } from './FaultInjector';
export { createPrng } from './prng';
