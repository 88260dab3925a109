/*
 * ECS service deployments of services with the ECS deployment controller,
 * moved by the clock: ROLLING (`rolling.ts`) or a traffic-shifting strategy,
 * BLUE_GREEN, CANARY or LINEAR (`trafficShifting.ts`), with lifecycle hooks
 * (`hooks.ts`) gating each stage. A failed hook, the deployment circuit
 * breaker or StopServiceDeployment rolls back (`rollback.ts`).
 */

export { advanceServiceDeployments } from './advance';
export { continueServiceDeployment } from './hooks';
export { stopServiceDeployment } from './rollback';
export { startServiceDeployment } from './start';
export {
  SHIFTING_STAGES,
  failureThreshold,
  isActiveDeployment,
  strategyOf,
} from './status';
