/*
 * How long the simulated parts of ECS take, in AWS time (the clock's speed
 * compresses them). Typical values for a small Fargate service.
 */

export const MINUTE_MS = 60_000;

/** A task's start-up (provisioning, image pull): 30 s, plus up to 30 s more. */
export const MIN_STARTUP_MS = 30_000;
export const STARTUP_SPREAD_MS = 30_000;

/** Provisioning and image pull before a stopped task's containers had started. */
export const PULL_MS = 30_000;

/**
 * How long a target group keeps draining a task that stopped (AWS's default
 * deregistration delay is 300 s; kept short so rollbacks finish sooner).
 */
export const DEREGISTRATION_DELAY_MS = 30_000;
