/*
 * How long the simulated parts of an ECS blue/green deployment take, in AWS
 * time (the clock's speed compresses them). Real deployments vary; these are
 * typical values for a small Fargate service.
 */

/** Created -> InProgress. */
export const START_DELAY_MS = 2_000;
/** A lifecycle hook with a Lambda function behind it. */
export const HOOK_MS = 15_000;
/** A lifecycle event with nothing to run. */
export const NO_HOOK_MS = 1_000;
/** Install: the replacement task set's tasks start and pass health checks. */
export const INSTALL_MS = 60_000;
/** AllowTestTraffic: the test listener moves to the replacement. */
export const TEST_TRAFFIC_MS = 5_000;
/** A rollback deployment: traffic back to the original, replacement removed. */
export const ROLLBACK_MS = 30_000;
/** STOP_DEPLOYMENT without an explicit wait time. */
export const DEFAULT_READY_WAIT_MINUTES = 60;

export const MINUTE_MS = 60_000;
