import { AwsError } from '../../../core/AwsError';
import type { EcsStore } from '../EcsStore';
import type {
  HookRecord,
  LifecycleStage,
  ServiceDeploymentRecord,
  ServiceRecord,
} from '../model';
import { MINUTE_MS } from '../timing';
import { rollBack } from './rollback';

/*
 * Lifecycle hooks run on entering their stage: PAUSE hooks wait for
 * ContinueServiceDeployment (or their timeout); Lambda hooks cannot run here
 * and succeed, unless `hookDetails.sandboxResult` is `FAILED`.
 */

/** Moves the deployment into `stage` and starts the hooks configured for it. */
export function enterStage(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  service: ServiceRecord,
  stage: LifecycleStage,
  at: number,
): void {
  d.lifecycleStage = stage;
  d.stageEnteredAt = at;
  d.updatedAt = at;
  if (d.strategy === 'ROLLING') return;
  const configured = d.deploymentConfiguration.lifecycleHooks ?? [];
  for (const hook of configured) {
    if (!(hook.lifecycleStages ?? []).includes(stage)) continue;
    const record: HookRecord = {
      hookId: store.world.randomHex(16),
      stage,
      targetType: hook.targetType === 'PAUSE' ? 'PAUSE' : 'AWS_LAMBDA',
      targetArn: hook.hookTargetArn,
      status: 'SUCCEEDED',
    };
    if (record.targetType === 'PAUSE') {
      record.status = 'AWAITING_ACTION';
      const timeout = hook.timeoutConfiguration?.timeoutInMinutes;
      if (typeof timeout === 'number') {
        record.expiresAt = at + timeout * MINUTE_MS;
        record.timeoutAction = hook.timeoutConfiguration?.action ?? 'ROLLBACK';
      }
      store.addEvent(
        service,
        `deployment paused at ${stage} for lifecycle hook ${record.hookId}.`,
        at,
      );
    } else if (hook.hookDetails?.sandboxResult === 'FAILED') {
      // Lambda hooks cannot run in the sandbox; this lets a test make one fail.
      record.status = 'FAILED';
    }
    d.hooks.push(record);
  }
}

/**
 * What the current stage's hooks allow: `go` on with the stage's work,
 * `wait` for a hook, or `rolledBack` (a hook failed or timed out with
 * ROLLBACK).
 */
export function hookGate(
  store: EcsStore,
  service: ServiceRecord,
  d: ServiceDeploymentRecord,
  now: number,
): 'go' | 'wait' | 'rolledBack' {
  const hooks = d.hooks.filter(h => h.stage === d.lifecycleStage);
  for (const hook of hooks) {
    if (
      hook.status === 'AWAITING_ACTION' &&
      hook.expiresAt !== undefined &&
      now >= hook.expiresAt
    ) {
      hook.status = 'TIMED_OUT';
      if ((hook.timeoutAction ?? 'ROLLBACK') === 'ROLLBACK') {
        rollBack(
          store,
          service,
          d,
          `Lifecycle hook ${hook.hookId} timed out.`,
          hook.expiresAt,
        );
        return 'rolledBack';
      }
    }
    if (hook.status === 'FAILED') {
      rollBack(store, service, d, `Lifecycle hook ${hook.hookId} failed.`, now);
      return 'rolledBack';
    }
  }
  const waiting = hooks.some(
    h => h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS',
  );
  return waiting ? 'wait' : 'go';
}

/** ContinueServiceDeployment: resolves a PAUSE hook that awaits action. */
export function continueServiceDeployment(
  store: EcsStore,
  d: ServiceDeploymentRecord,
  hookId: string,
  action: 'CONTINUE' | 'ROLLBACK',
  now: number,
): void {
  const hook = d.hooks.find(h => h.hookId === hookId);
  if (!hook) {
    throw new AwsError(
      'InvalidParameterException',
      `The hook ${hookId} does not belong to the service deployment.`,
    );
  }
  if (hook.status !== 'AWAITING_ACTION' || d.status !== 'IN_PROGRESS') {
    throw new AwsError(
      'ClientException',
      `The hook ${hookId} is not awaiting action (hook ${hook.status}, deployment ${d.status}).`,
    );
  }
  hook.status = action === 'ROLLBACK' ? 'FAILED' : 'SUCCEEDED';
  d.updatedAt = now;
  const service = store.services.get(d.serviceArn);
  if (service && action === 'ROLLBACK') {
    rollBack(
      store,
      service,
      d,
      `Lifecycle hook ${hookId} requested a rollback.`,
      now,
    );
  }
}
