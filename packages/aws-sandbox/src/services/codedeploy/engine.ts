import { AwsError } from '../../core/AwsError';
import type { SandboxWorld } from '../../world';
import { failingHook, parseAppSpec } from './appspec';
import { shiftPlan } from './configs';
import { uuidFor } from './ids';
import {
  DEFAULT_READY_WAIT_MINUTES,
  HOOK_MS,
  INSTALL_MS,
  MINUTE_MS,
  NO_HOOK_MS,
  START_DELAY_MS,
  TEST_TRAFFIC_MS,
} from './timing';
import {
  ECS_LIFECYCLE_EVENTS,
  type DeploymentConfigRecord,
  type DeploymentGroupRecord,
  type DeploymentRecord,
} from './types';

/** What the engine needs from the store around it. */
export interface EngineContext {
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
export class EcsBlueGreenEngine {
  constructor(private readonly ctx: EngineContext) {}

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
        d.nextAt = this.installGreen(d) ? at + INSTALL_MS : at;
        return;
      case 'AllowTestTraffic':
        d.testTrafficWeight = 100;
        this.applyWeights(d, 'test');
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

  /** ContinueDeployment READY_WAIT (or the wait ran out with CONTINUE_DEPLOYMENT). */
  reroute(d: DeploymentRecord, at: number): void {
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
      this.restoreBlue(d);
      this.skipRemaining(d);
      this.finish(d, 'Stopped', at);
      return;
    }
    this.reroute(d, at);
  }

  private applyShiftStep(d: DeploymentRecord, at: number): void {
    const plan = shiftPlan(this.ctx.config(d)?.trafficRoutingConfig);
    const step = plan[d.shiftStep ?? 0];
    d.trafficWeight = step.greenWeight;
    this.applyWeights(d, 'prod');
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

  /** ContinueDeployment TERMINATION_WAIT: end the wait now. */
  terminateBlueNow(d: DeploymentRecord, at: number): void {
    this.succeed(d, at);
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
    this.restoreBlue(d);
    this.skipRemaining(d);
    this.finish(d, 'Failed', at);
    const rollback = d.autoRollbackConfiguration;
    if (rollback?.enabled && rollback.events?.includes('DEPLOYMENT_FAILURE')) {
      this.ctx.rollback(d, at, 'Deployment failed');
    }
  }

  /** StopDeployment: Stopped, original restored, rolled back when asked. */
  stop(d: DeploymentRecord, at: number, rollback: boolean): void {
    d.errorInformation = {
      code: 'MANUAL_STOP',
      message: 'The deployment was stopped by the user.',
    };
    this.restoreBlue(d);
    this.skipRemaining(d);
    this.finish(d, 'Stopped', at);
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
    this.restoreBlue(d);
    this.skipRemaining(d);
    this.finish(d, 'Stopped', now);
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

  private skipRemaining(d: DeploymentRecord): void {
    for (const event of d.lifecycleEvents ?? []) {
      if (event.status === 'Pending') event.status = 'Skipped';
      if (event.status === 'InProgress') event.status = 'Failed';
    }
  }

  /** Both listeners back to the original target group; replacement removed. */
  private restoreBlue(d: DeploymentRecord): void {
    d.trafficWeight = 0;
    d.testTrafficWeight = 0;
    this.applyWeights(d, 'prod');
    this.applyWeights(d, 'test');
    const ecs = this.ctx.world.ecs;
    if (d.instanceTerminationWaitTimeStarted && d.blueTaskSetArn) {
      ecs.setPrimaryTaskSet(d.blueTaskSetArn);
    }
    if (d.greenTaskSetArn) {
      ecs.deleteTaskSet(d.greenTaskSetArn);
    }
  }

  /**
   * Creates the replacement task set with the appspec's container and port;
   * false (and the deployment's failure planned) when ECS refuses it.
   */
  private installGreen(d: DeploymentRecord): boolean {
    const group = this.ctx.group(d);
    const spec = parseAppSpec(d.appSpecContent ?? '');
    const greenArn = d.greenTargetGroup
      ? this.targetGroupArn(d, d.greenTargetGroup)
      : undefined;
    try {
      d.greenTaskSetArn = this.ctx.world.ecs.createTaskSet({
        accountId: d.accountId,
        region: d.region,
        cluster: d.clusterName,
        service: d.serviceName,
        taskDefinition: d.taskDefinition ?? '',
        targetGroupArns: greenArn ? [greenArn] : [],
        scalePercent: 100,
        externalId: group ? `${d.deploymentId}` : undefined,
        launchType: 'FARGATE',
        containerName: spec.containerName,
        containerPort: spec.containerPort,
      });
      return true;
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      d.failure = {
        event: 'Install',
        message: `The ECS service cannot be updated due to an unexpected error: ${
          error.message
        } (Service: AmazonECS; Status Code: ${error.statusCode}; Error Code: ${
          error.code
        }; Request ID: ${uuidFor(
          'ecs-request',
          d.deploymentId,
        )}; Proxy: null). Check your ECS service status.`,
      };
      return false;
    }
  }

  /** Forward weights on the group's production or test listeners. */
  applyWeights(d: DeploymentRecord, route: 'prod' | 'test'): void {
    const pair =
      this.ctx.group(d)?.loadBalancerInfo?.targetGroupPairInfoList?.[0];
    const listeners =
      (route === 'prod'
        ? pair?.prodTrafficRoute?.listenerArns
        : pair?.testTrafficRoute?.listenerArns) ?? [];
    if (!d.blueTargetGroup || !d.greenTargetGroup) return;
    const blue = this.targetGroupArn(d, d.blueTargetGroup);
    const green = this.targetGroupArn(d, d.greenTargetGroup);
    if (!blue || !green) return;
    const greenWeight =
      route === 'prod' ? d.trafficWeight : d.testTrafficWeight;
    for (const listenerArn of listeners) {
      this.ctx.world.elbv2.setListenerWeights(listenerArn, [
        { targetGroupArn: blue, weight: 100 - greenWeight },
        { targetGroupArn: green, weight: greenWeight },
      ]);
    }
  }

  /** A target group's ARN by name, in the deployment's account and region. */
  targetGroupArn(d: DeploymentRecord, name: string): string | undefined {
    return this.ctx.world.elbv2.findTargetGroupArn(d.accountId, d.region, name);
  }
}
