import { AwsError } from '../../core/AwsError';
import type { SandboxWorld } from '../../world';
import { failingHook, parseAppSpec } from './appspec';
import { applyWeights, installGreen, restoreBlue } from './blueGreen';
import { shiftPlan } from './configs';
import {
  ECS_LIFECYCLE_EVENTS,
  type DeploymentConfigRecord,
  type DeploymentGroupRecord,
  type DeploymentRecord,
} from './model';
import {
  DEFAULT_READY_WAIT_MINUTES,
  HOOK_MS,
  INSTALL_MS,
  MINUTE_MS,
  NO_HOOK_MS,
  START_DELAY_MS,
  TEST_TRAFFIC_MS,
} from './timing';

const ACTIVE = new Set(['Created', 'Queued', 'InProgress', 'Baking', 'Ready']);

/** A status the lifecycle still moves. */
export function isActiveDeployment(status: string): boolean {
  return ACTIVE.has(status);
}

/** What the lifecycle needs from the store around it. */
export interface LifecycleContext {
  world: SandboxWorld;
  group(d: DeploymentRecord): DeploymentGroupRecord | undefined;
  config(d: DeploymentRecord): DeploymentConfigRecord | undefined;
  /** alarms currently in ALARM (the sandbox knob) */
  alarmActive(name: string): boolean;
  /** creates the rollback deployment for `d` (status InProgress) */
  rollback(d: DeploymentRecord, at: number, reason: string): void;
  onFinished(d: DeploymentRecord): void;
}

/**
 * The ECS blue/green lifecycle of one CodeDeploy deployment, moved by the
 * clock. Every step happens at its scheduled time (`nextAt`), not at the time
 * of the tick that notices it, so records read as they would in AWS however
 * late the sandbox ticks.
 */
export class BlueGreenLifecycle {
  constructor(private readonly ctx: LifecycleContext) {}

  /** Prepares a new deployment record's lifecycle (status Created). */
  prepare(d: DeploymentRecord): void {
    const spec = parseAppSpec(d.appSpecContent ?? '');
    d.taskDefinition = spec.taskDefinition ?? d.taskDefinition;
    d.hooks = spec.hooks;
    const hookFailure = failingHook(spec.hooks);
    if (hookFailure && !d.failure) {
      d.failure = {
        event: hookFailure,
        message: `The deployment failed because a lifecycle hook (${spec.hooks[hookFailure]}) reported a failure`,
      };
    }
    d.lifecycleEvents = ECS_LIFECYCLE_EVENTS.map(name => ({
      lifecycleEventName: name,
      status: 'Pending',
    }));
    d.phase = 'created';
    d.nextAt = d.createTime + START_DELAY_MS;
  }

  advance(d: DeploymentRecord, now: number): void {
    // Bounded: each step moves nextAt forward or ends the deployment.
    for (let guard = 0; guard < 1000; guard++) {
      if (d.phase === 'done' || d.nextAt === undefined || d.nextAt > now) {
        break;
      }
      this.step(d, d.nextAt);
    }
    if (
      d.phase !== 'done' &&
      d.phase !== 'rollback' &&
      d.status !== 'Created'
    ) {
      this.checkAlarms(d, now);
    }
  }

  private step(d: DeploymentRecord, at: number): void {
    switch (d.phase) {
      case 'created':
        d.status = 'InProgress';
        d.startTime = at;
        this.beginEvent(d, 0, at);
        return;
      case 'lifecycle':
        this.endEvent(d, at);
        return;
      case 'ready-wait':
        this.readyTimeout(d, at);
        return;
      case 'shifting':
        this.nextShift(d, at);
        return;
      case 'termination-wait':
        this.succeed(d, at);
        return;
      case 'rollback':
        this.finish(d, 'Succeeded', at);
        return;
      default:
        d.nextAt = undefined;
    }
  }

  private beginEvent(d: DeploymentRecord, index: number, at: number): void {
    const name = ECS_LIFECYCLE_EVENTS[index];
    const event = d.lifecycleEvents![index];
    event.status = 'InProgress';
    event.startTime = at;
    d.eventIndex = index;
    d.phase = 'lifecycle';
    switch (name) {
      case 'Install':
        // a replacement ECS refuses ends Install at once, failed
        d.nextAt = installGreen(this.ctx.world, d, this.ctx.group(d))
          ? at + INSTALL_MS
          : at;
        return;
      case 'AllowTestTraffic':
        d.testTrafficWeight = 100;
        applyWeights(this.ctx.world, d, this.ctx.group(d), 'test');
        d.nextAt = at + TEST_TRAFFIC_MS;
        return;
      case 'AllowTraffic': {
        d.phase = 'shifting';
        d.shiftStep = 0;
        this.applyShiftStep(d, at);
        return;
      }
      default:
        d.nextAt = at + (d.hooks?.[name] ? HOOK_MS : NO_HOOK_MS);
    }
  }

  private endEvent(d: DeploymentRecord, at: number): void {
    const index = d.eventIndex ?? 0;
    const name = ECS_LIFECYCLE_EVENTS[index];
    if (d.failure?.event === name) {
      this.fail(d, at);
      return;
    }
    const event = d.lifecycleEvents![index];
    event.status = 'Succeeded';
    event.endTime = at;

    if (name === 'AfterAllowTestTraffic') {
      const ready =
        this.ctx.group(d)?.blueGreenDeploymentConfiguration
          ?.deploymentReadyOption;
      const stop = ready?.actionOnTimeout === 'STOP_DEPLOYMENT';
      const wait = ready?.waitTimeInMinutes ?? 0;
      if (stop || wait > 0) {
        d.status = 'Ready';
        d.phase = 'ready-wait';
        d.nextAt =
          at + (wait > 0 ? wait : DEFAULT_READY_WAIT_MINUTES) * MINUTE_MS;
        return;
      }
    }
    if (name === 'AfterAllowTraffic') {
      this.startTerminationWait(d, at);
      return;
    }
    this.beginEvent(d, index + 1, at);
  }

  /** ContinueDeployment: READY_WAIT at Ready, TERMINATION_WAIT during the termination wait. */
  continue(d: DeploymentRecord, waitType: string, now: number): void {
    if (waitType === 'TERMINATION_WAIT') {
      if (d.phase !== 'termination-wait') {
        if (!isActiveDeployment(d.status)) throw alreadyCompleted(d);
        throw new AwsError(
          'InvalidDeploymentStatusException',
          `The deployment ${d.deploymentId} is not waiting for the original task set to be terminated.`,
        );
      }
      this.succeed(d, now);
      return;
    }
    if (d.status !== 'Ready' || d.phase !== 'ready-wait') {
      throw new AwsError(
        'DeploymentIsNotInReadyStateException',
        `The deployment ${d.deploymentId} is not in a ready state.`,
      );
    }
    this.reroute(d, now);
    this.advance(d, now);
  }

  /**
   * StopDeployment: rolls back when `autoRollbackEnabled` says so, else when
   * the deployment's auto-rollback has DEPLOYMENT_STOP_ON_REQUEST.
   */
  stopOnRequest(
    d: DeploymentRecord,
    at: number,
    autoRollbackEnabled: boolean | undefined,
  ): void {
    if (!isActiveDeployment(d.status)) throw alreadyCompleted(d);
    const configured = d.autoRollbackConfiguration;
    const rollback =
      autoRollbackEnabled ??
      Boolean(
        configured?.enabled &&
          configured.events?.includes('DEPLOYMENT_STOP_ON_REQUEST'),
      );
    this.stop(d, at, rollback);
  }

  /** READY_WAIT ends (ContinueDeployment, or the wait ran out with CONTINUE_DEPLOYMENT). */
  private reroute(d: DeploymentRecord, at: number): void {
    d.status = 'InProgress';
    this.beginEvent(d, ECS_LIFECYCLE_EVENTS.indexOf('BeforeAllowTraffic'), at);
  }

  private readyTimeout(d: DeploymentRecord, at: number): void {
    const ready =
      this.ctx.group(d)?.blueGreenDeploymentConfiguration
        ?.deploymentReadyOption;
    if (ready?.actionOnTimeout === 'STOP_DEPLOYMENT') {
      d.errorInformation = {
        code: 'TIMEOUT',
        message:
          'The deployment timed out while waiting for traffic to be rerouted to the replacement task set',
      };
      this.endEarly(d, 'Stopped', at);
      return;
    }
    this.reroute(d, at);
  }

  private applyShiftStep(d: DeploymentRecord, at: number): void {
    const plan = shiftPlan(this.ctx.config(d)?.trafficRoutingConfig);
    const step = plan[d.shiftStep ?? 0];
    d.trafficWeight = step.greenWeight;
    applyWeights(this.ctx.world, d, this.ctx.group(d), 'prod');
    d.nextAt = at + step.holdMinutes * MINUTE_MS;
    if (step.greenWeight >= 100) {
      // AllowTraffic ends once all production traffic is on green.
      d.phase = 'lifecycle';
      d.nextAt = at + NO_HOOK_MS;
    }
  }

  private nextShift(d: DeploymentRecord, at: number): void {
    d.shiftStep = (d.shiftStep ?? 0) + 1;
    this.applyShiftStep(d, at);
  }

  private startTerminationWait(d: DeploymentRecord, at: number): void {
    const termination =
      this.ctx.group(d)?.blueGreenDeploymentConfiguration
        ?.terminateBlueInstancesOnDeploymentSuccess;
    d.instanceTerminationWaitTimeStarted = true;
    d.phase = 'termination-wait';
    if (d.greenTaskSetArn)
      this.ctx.world.ecs.setPrimaryTaskSet(d.greenTaskSetArn);
    d.nextAt =
      at + (termination?.terminationWaitTimeInMinutes ?? 0) * MINUTE_MS;
  }

  private succeed(d: DeploymentRecord, at: number): void {
    const keep =
      this.ctx.group(d)?.blueGreenDeploymentConfiguration
        ?.terminateBlueInstancesOnDeploymentSuccess?.action === 'KEEP_ALIVE';
    if (d.blueTaskSetArn && !keep) {
      this.ctx.world.ecs.deleteTaskSet(d.blueTaskSetArn);
    }
    this.finish(d, 'Succeeded', at);
  }

  /** A lifecycle event failed (planned failure): Failed, original restored, maybe rolled back. */
  private fail(d: DeploymentRecord, at: number): void {
    const index = d.eventIndex ?? 0;
    const name = ECS_LIFECYCLE_EVENTS[index];
    const failure = d.failure!;
    const event = d.lifecycleEvents![index];
    event.status = 'Failed';
    event.endTime = at;
    const installFailed = name === 'Install';
    const reason =
      failure.reason ??
      (installFailed
        ? 'Essential container in task exited'
        : `Lifecycle hook ${d.hooks?.[name] ?? name} failed`);
    event.diagnostics = {
      errorCode: installFailed ? 'UnknownError' : 'ScriptFailed',
      scriptName: d.hooks?.[name] ?? '',
      message: failure.message ?? reason,
      logTail: '',
    };
    if (installFailed && d.greenTaskSetArn) {
      const exitCode = failure.exitCode ?? 1;
      d.failedTaskExitCode = exitCode;
      for (let i = 0; i < 2; i++) {
        this.ctx.world.ecs.recordStoppedTask(
          d.greenTaskSetArn,
          reason,
          exitCode,
        );
      }
    }
    d.errorInformation = installFailed
      ? {
          code: 'ECS_UPDATE_ERROR',
          message:
            failure.message ??
            `The ECS service cannot reach a steady state: replacement tasks stopped (${reason})`,
        }
      : {
          code: 'HOOK_EXECUTION_FAILURE',
          message:
            failure.message ??
            `The deployment failed because a lifecycle event hook (${name}) failed`,
        };
    this.endEarly(d, 'Failed', at);
    const rollback = d.autoRollbackConfiguration;
    if (rollback?.enabled && rollback.events?.includes('DEPLOYMENT_FAILURE')) {
      this.ctx.rollback(d, at, 'Deployment failed');
    }
  }

  /** Stopped, original restored, rolled back when asked. */
  private stop(d: DeploymentRecord, at: number, rollback: boolean): void {
    d.errorInformation = {
      code: 'MANUAL_STOP',
      message: 'The deployment was stopped by the user.',
    };
    this.endEarly(d, 'Stopped', at);
    if (rollback) this.ctx.rollback(d, at, 'Deployment stopped by the user');
  }

  private checkAlarms(d: DeploymentRecord, now: number): void {
    const alarms = this.ctx.group(d)?.alarmConfiguration;
    if (!alarms?.enabled) return;
    const firing = alarms.alarms?.find(
      a => a.name && this.ctx.alarmActive(a.name),
    );
    if (!firing) return;
    d.errorInformation = {
      code: 'ALARM_ACTIVE',
      message: `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${firing.name}>`,
    };
    const index = d.eventIndex;
    if (
      index !== undefined &&
      d.lifecycleEvents?.[index]?.status === 'InProgress'
    ) {
      d.lifecycleEvents[index].status = 'Failed';
      d.lifecycleEvents[index].endTime = now;
    }
    this.endEarly(d, 'Stopped', now);
    const rollback = d.autoRollbackConfiguration;
    if (
      rollback?.enabled &&
      rollback.events?.includes('DEPLOYMENT_STOP_ON_ALARM')
    ) {
      this.ctx.rollback(d, now, `Alarm ${firing.name} activated`);
    }
  }

  private finish(
    d: DeploymentRecord,
    status: 'Succeeded' | 'Failed' | 'Stopped',
    at: number,
  ): void {
    d.status = status;
    d.completeTime = at;
    d.phase = 'done';
    d.nextAt = undefined;
    this.ctx.onFinished(d);
  }

  /** Failed or Stopped before the end: the original restored, the events left skipped. */
  private endEarly(
    d: DeploymentRecord,
    status: 'Failed' | 'Stopped',
    at: number,
  ): void {
    restoreBlue(this.ctx.world, d, this.ctx.group(d));
    for (const event of d.lifecycleEvents ?? []) {
      if (event.status === 'Pending') event.status = 'Skipped';
      if (event.status === 'InProgress') event.status = 'Failed';
    }
    this.finish(d, status, at);
  }
}

function alreadyCompleted(d: DeploymentRecord): AwsError {
  return new AwsError(
    'DeploymentAlreadyCompletedException',
    `The deployment ${d.deploymentId} has already completed.`,
  );
}
