import {
  codeDeployApplicationArn,
  codeDeployGroupArn,
  type Scope,
} from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import { uuidFor } from '../../core/ids';
import type { CodeDeployApi, SandboxWorld, ServiceStore } from '../../world';
import { parseAppSpec } from './appspec';
import { pickBlueGreen } from './blueGreen';
import { PREDEFINED_ECS_CONFIGS } from './configs';
import { deploymentIdFor } from './ids';
import { BlueGreenLifecycle } from './lifecycle';
import type {
  ApplicationRecord,
  CodeDeployState,
  DeploymentConfigRecord,
  DeploymentGroupRecord,
  DeploymentRecord,
  PlannedFailure,
} from './model';
import { rollbackOf } from './rollback';

/** CodeDeploy names are unique per account and region. */
const key = (w: Scope, ...names: string[]) =>
  [w.accountId, w.region, ...names].join('/');

/**
 * CodeDeploy's state: applications, deployment groups, custom deployment
 * configs and deployments, with the ECS blue/green lifecycle of live ones
 * moved by the clock. Implements the cross-service CodeDeployApi.
 *
 * @public
 */
export class CodeDeployStore implements ServiceStore, CodeDeployApi {
  private seq = 0;
  private readonly applications = new Map<string, ApplicationRecord>();
  private readonly groups = new Map<string, DeploymentGroupRecord>();
  private readonly configs = new Map<string, DeploymentConfigRecord>();
  private readonly deployments = new Map<string, DeploymentRecord>();
  /** deployment ids per group key, oldest first */
  private readonly byGroup = new Map<string, string[]>();
  private readonly active = new Set<string>();
  private readonly alarms = new Set<string>();
  private readonly failures = new Map<string, PlannedFailure>();
  private readonly lifecycle: BlueGreenLifecycle;

  constructor(private readonly world: SandboxWorld) {
    this.lifecycle = new BlueGreenLifecycle({
      world,
      group: d => this.groups.get(this.groupKeyOf(d)),
      config: d => this.findConfig(d, d.deploymentConfigName),
      alarmActive: name => this.alarms.has(name),
      rollback: (d, at, reason) => this.createRollback(d, at, reason),
      onFinished: d => this.onFinished(d),
    });
  }

  // ---- applications -------------------------------------------------------

  createApplication(
    where: Scope,
    name: string,
    computePlatform: ApplicationRecord['computePlatform'],
  ): ApplicationRecord {
    const k = key(where, name);
    if (this.applications.has(k)) {
      throw new AwsError(
        'ApplicationAlreadyExistsException',
        `An application with the name ${name} already exists for this account`,
      );
    }
    const app: ApplicationRecord = {
      ...where,
      applicationName: name,
      applicationId: uuidFor('application', k),
      computePlatform,
      createTime: this.world.clock.nowMs(),
    };
    this.applications.set(k, app);
    this.world.tags.register(codeDeployApplicationArn(app, name));
    return app;
  }

  getApplication(where: Scope, name: string): ApplicationRecord {
    const app = this.applications.get(key(where, name));
    if (!app) {
      throw new AwsError(
        'ApplicationDoesNotExistException',
        `No application found for name: ${name}`,
      );
    }
    return app;
  }

  listApplications(where: Scope): string[] {
    return [...this.applications.values()]
      .filter(a => a.accountId === where.accountId && a.region === where.region)
      .map(a => a.applicationName)
      .sort();
  }

  // ---- deployment groups --------------------------------------------------

  putDeploymentGroup(group: DeploymentGroupRecord, isNew: boolean): void {
    const k = key(group, group.applicationName, group.deploymentGroupName);
    if (isNew && this.groups.has(k)) {
      throw new AwsError(
        'DeploymentGroupAlreadyExistsException',
        `A deployment group with the name ${group.deploymentGroupName} already exists for the application ${group.applicationName}`,
      );
    }
    this.groups.set(k, group);
    this.world.tags.register(
      codeDeployGroupArn(
        group,
        group.applicationName,
        group.deploymentGroupName,
      ),
    );
  }

  newDeploymentGroupId(where: Scope, app: string, name: string): string {
    return uuidFor('deploymentgroup', key(where, app, name));
  }

  renameDeploymentGroup(group: DeploymentGroupRecord, newName: string): void {
    const oldKey = this.groupKeyOf(group);
    this.groups.delete(oldKey);
    const ids = this.byGroup.get(oldKey);
    group.deploymentGroupName = newName;
    const newKey = this.groupKeyOf(group);
    this.groups.set(newKey, group);
    if (ids) {
      this.byGroup.delete(oldKey);
      this.byGroup.set(newKey, ids);
    }
  }

  getDeploymentGroup(
    where: Scope,
    app: string,
    name: string,
  ): DeploymentGroupRecord {
    this.getApplication(where, app);
    const group = this.groups.get(key(where, app, name));
    if (!group) {
      throw new AwsError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${name}`,
      );
    }
    return group;
  }

  listDeploymentGroups(where: Scope, app: string): string[] {
    this.getApplication(where, app);
    return [...this.groups.values()]
      .filter(
        g =>
          g.accountId === where.accountId &&
          g.region === where.region &&
          g.applicationName === app,
      )
      .map(g => g.deploymentGroupName)
      .sort();
  }

  // ---- deployment configs -------------------------------------------------

  findConfig(where: Scope, name: string): DeploymentConfigRecord | undefined {
    return (
      PREDEFINED_ECS_CONFIGS.find(c => c.deploymentConfigName === name) ??
      this.configs.get(key(where, name))
    );
  }

  getConfig(where: Scope, name: string): DeploymentConfigRecord {
    const config = this.findConfig(where, name);
    if (!config) {
      throw new AwsError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${name}`,
      );
    }
    return config;
  }

  createConfig(config: DeploymentConfigRecord & Scope): void {
    if (this.findConfig(config, config.deploymentConfigName)) {
      throw new AwsError(
        'DeploymentConfigAlreadyExistsException',
        `A deployment configuration with the name ${config.deploymentConfigName} already exists for this account`,
      );
    }
    this.configs.set(key(config, config.deploymentConfigName), config);
  }

  listConfigs(where: Scope): string[] {
    return [
      ...PREDEFINED_ECS_CONFIGS.map(c => c.deploymentConfigName),
      ...[...this.configs.values()]
        .filter(
          c => c.accountId === where.accountId && c.region === where.region,
        )
        .map(c => c.deploymentConfigName),
    ].sort();
  }

  // ---- deployments --------------------------------------------------------

  /** CodeDeployApi: a pipeline's CodeDeployToECS action. */
  createDeployment(
    input: Parameters<CodeDeployApi['createDeployment']>[0],
  ): string {
    return this.startDeployment(input, {
      appSpecContent: input.appSpecContent,
      description: input.description,
      creator: input.creator,
    }).deploymentId;
  }

  getDeploymentStatus(deploymentId: string): string {
    return this.getDeployment(deploymentId).status;
  }

  /** Starts a live deployment (status Created) after AWS's checks. */
  startDeployment(
    where: Scope & { applicationName: string; deploymentGroupName: string },
    options: {
      appSpecContent: string;
      description?: string;
      creator: string;
      deploymentConfigName?: string;
      autoRollbackConfiguration?: DeploymentRecord['autoRollbackConfiguration'];
    },
  ): DeploymentRecord {
    const group = this.getDeploymentGroup(
      where,
      where.applicationName,
      where.deploymentGroupName,
    );
    const activeId = this.activeDeploymentOf(group);
    if (activeId) {
      throw new AwsError(
        'DeploymentLimitExceededException',
        `The Deployment Group '${group.deploymentGroupName}' already has an active Deployment '${activeId}'`,
      );
    }
    const configName =
      options.deploymentConfigName ?? group.deploymentConfigName;
    this.getConfig(group, configName);
    const service = group.ecsServices[0] ?? {};
    if (!service.clusterName || !service.serviceName) {
      throw new AwsError(
        'InvalidECSServiceException',
        'The deployment group has no ECS service',
      );
    }
    const spec = parseAppSpec(options.appSpecContent);
    if (!spec.taskDefinition) {
      throw new AwsError(
        'InvalidRevisionException',
        'The AppSpec file is missing the TaskDefinition of the AWS::ECS::Service resource',
      );
    }
    const now = this.world.clock.nowMs();
    const previous = group.lastSuccessfulDeploymentId
      ? this.deployments.get(group.lastSuccessfulDeploymentId)
      : undefined;
    const d: DeploymentRecord = {
      accountId: group.accountId,
      region: group.region,
      deploymentId: this.nextId(),
      applicationName: group.applicationName,
      deploymentGroupName: group.deploymentGroupName,
      deploymentConfigName: configName,
      status: 'Created',
      creator: options.creator,
      description: options.description,
      createTime: now,
      appSpecContent: options.appSpecContent,
      previousAppSpecContent: previous?.appSpecContent,
      autoRollbackConfiguration:
        options.autoRollbackConfiguration ?? group.autoRollbackConfiguration,
      clusterName: service.clusterName,
      serviceName: service.serviceName,
      trafficWeight: 0,
      testTrafficWeight: 0,
      phase: 'created',
    };
    const planned = this.failures.get(this.groupKeyOf(group));
    if (planned) {
      d.failure = planned;
      this.failures.delete(this.groupKeyOf(group));
    }
    pickBlueGreen(this.world, d, group);
    d.blueTaskSetArn = this.world.ecs.getPrimaryTaskSet({
      accountId: d.accountId,
      region: d.region,
      cluster: d.clusterName,
      service: d.serviceName,
    })?.taskSetArn;
    this.lifecycle.prepare(d);
    this.add(d);
    this.active.add(d.deploymentId);
    group.lastAttemptedDeploymentId = d.deploymentId;
    return d;
  }

  getDeployment(deploymentId: string): DeploymentRecord {
    const d = this.deployments.get(deploymentId);
    if (!d) {
      throw new AwsError(
        'DeploymentDoesNotExistException',
        `The deployment ${deploymentId} could not be found.`,
      );
    }
    return d;
  }

  findDeployment(deploymentId: string): DeploymentRecord | undefined {
    return this.deployments.get(deploymentId);
  }

  /** Deployment ids newest first, optionally of one group. */
  listDeploymentIds(
    where: Scope,
    group?: DeploymentGroupRecord,
    filter: (d: DeploymentRecord) => boolean = () => true,
  ): string[] {
    const ids: string[] = [];
    if (group) {
      const list = this.byGroup.get(this.groupKeyOf(group)) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const d = this.deployments.get(list[i])!;
        if (filter(d)) ids.push(d.deploymentId);
      }
      return ids;
    }
    const all = [...this.deployments.values()].filter(
      d =>
        d.accountId === where.accountId &&
        d.region === where.region &&
        filter(d),
    );
    all.sort((a, b) => b.createTime - a.createTime);
    return all.map(d => d.deploymentId);
  }

  /** ContinueDeployment: end the ready wait or the termination wait now. */
  continueDeployment(deploymentId: string, waitType: string): void {
    this.lifecycle.continue(
      this.getDeployment(deploymentId),
      waitType,
      this.world.clock.nowMs(),
    );
  }

  /** StopDeployment: rolled back as asked, else as the deployment's auto-rollback says. */
  stopDeployment(deploymentId: string, autoRollbackEnabled?: boolean): void {
    this.lifecycle.stopOnRequest(
      this.getDeployment(deploymentId),
      this.world.clock.nowMs(),
      autoRollbackEnabled,
    );
  }

  /** Sandbox knob: the group's next deployment fails at `failure.event`. */
  failNextDeployment(
    where: Scope & { applicationName: string; deploymentGroupName: string },
    failure: PlannedFailure,
  ): void {
    const group = this.getDeploymentGroup(
      where,
      where.applicationName,
      where.deploymentGroupName,
    );
    this.failures.set(this.groupKeyOf(group), failure);
  }

  /** Sandbox knob: a CloudWatch alarm goes into (or out of) ALARM. */
  setAlarmState(name: string, inAlarm: boolean): void {
    if (inAlarm) this.alarms.add(name);
    else this.alarms.delete(name);
  }

  /**
   * Adds a deployment that already happened (seeded history). It is stored as
   * is and never moves; its lifecycle events render from its times.
   */
  importDeployment(
    d: Omit<DeploymentRecord, 'deploymentId' | 'phase'> & {
      deploymentId?: string;
    },
  ): DeploymentRecord {
    const record: DeploymentRecord = {
      ...d,
      deploymentId: d.deploymentId ?? this.nextId(),
      phase: 'done',
    };
    this.add(record);
    const group = this.groups.get(this.groupKeyOf(record));
    if (group) {
      group.lastAttemptedDeploymentId = record.deploymentId;
      if (record.status === 'Succeeded') {
        group.lastSuccessfulDeploymentId = record.deploymentId;
      }
    }
    return record;
  }

  /** Reserves the next deployment id (seeders link rollbacks before importing). */
  nextId(): string {
    this.seq += 1;
    return deploymentIdFor(this.seq);
  }

  groupOf(d: DeploymentRecord): DeploymentGroupRecord | undefined {
    return this.groups.get(this.groupKeyOf(d));
  }

  // ---- ServiceStore -------------------------------------------------------

  tick(nowMs: number): void {
    for (const id of [...this.active]) {
      const d = this.deployments.get(id);
      if (!d) {
        this.active.delete(id);
        continue;
      }
      this.lifecycle.advance(d, nowMs);
    }
  }

  snapshot(): CodeDeployState {
    return {
      seq: this.seq,
      applications: [...this.applications.values()],
      groups: [...this.groups.values()],
      configs: [...this.configs.values()],
      deployments: [...this.deployments.values()],
      alarms: [...this.alarms],
      failures: [...this.failures.entries()],
    };
  }

  restore(data: unknown): void {
    const snap = data as CodeDeployState;
    this.seq = snap.seq ?? 0;
    this.applications.clear();
    this.groups.clear();
    this.configs.clear();
    this.deployments.clear();
    this.byGroup.clear();
    this.active.clear();
    this.alarms.clear();
    this.failures.clear();
    for (const a of snap.applications ?? []) {
      this.applications.set(key(a, a.applicationName), a);
    }
    for (const g of snap.groups ?? []) this.groups.set(this.groupKeyOf(g), g);
    for (const c of snap.configs ?? []) {
      this.configs.set(key(c as Scope, c.deploymentConfigName), c);
    }
    for (const d of snap.deployments ?? []) {
      this.add(d);
      if (d.phase !== 'done') this.active.add(d.deploymentId);
    }
    for (const a of snap.alarms ?? []) this.alarms.add(a);
    for (const [k, f] of snap.failures ?? []) this.failures.set(k, f);
  }

  // ---- internals ----------------------------------------------------------

  private add(d: DeploymentRecord): void {
    this.deployments.set(d.deploymentId, d);
    const k = this.groupKeyOf(d);
    const list = this.byGroup.get(k) ?? [];
    list.push(d.deploymentId);
    this.byGroup.set(k, list);
  }

  private groupKeyOf(g: {
    accountId: string;
    region: string;
    applicationName: string;
    deploymentGroupName: string;
  }): string {
    return key(g, g.applicationName, g.deploymentGroupName);
  }

  private activeDeploymentOf(group: DeploymentGroupRecord): string | undefined {
    const list = this.byGroup.get(this.groupKeyOf(group)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      if (this.active.has(list[i])) return list[i];
    }
    return undefined;
  }

  private createRollback(
    d: DeploymentRecord,
    at: number,
    reason: string,
  ): void {
    const rollback = rollbackOf(d, this.nextId(), at, reason);
    this.add(rollback);
    this.active.add(rollback.deploymentId);
  }

  private onFinished(d: DeploymentRecord): void {
    this.active.delete(d.deploymentId);
    const group = this.groups.get(this.groupKeyOf(d));
    if (
      group &&
      d.status === 'Succeeded' &&
      d.creator !== 'codeDeployRollback'
    ) {
      group.lastSuccessfulDeploymentId = d.deploymentId;
    }
  }
}
