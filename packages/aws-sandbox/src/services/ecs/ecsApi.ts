import { AwsError } from '../../core/AwsError';
import type { EcsApi, TaskSetSpec } from '../../world';
import type { EcsStore } from './EcsStore';
import { importServiceDeployment, importStoppedTask } from './importedHistory';
import { checkLoadBalancerContainer } from './loadBalancerContainer';
import type {
  ServiceRecord,
  TaskDefinitionDocument,
  TaskSetRecord,
} from './model';
import { ecsTagsInput } from './operations/common';
import { validateTaskDefinitionInput } from './operations/taskDefinitions';
import { scopeOf } from './references';
import { computedDesiredCount } from './scheduler';
import { startServiceDeployment } from './serviceDeployments';
import { addStoppedTask } from './stoppedTasks';
import {
  createTaskSetRecord,
  deleteTaskSetRecord,
  setPrimary,
} from './taskSets';
import { DEREGISTRATION_DELAY_MS } from './timing';

/** ECS as CodeDeploy, CodePipeline and ELBv2 see it (world.ecs). */
export function createEcsApi(store: EcsStore): EcsApi {
  const service = (ref: {
    accountId: string;
    region: string;
    cluster: string;
    service: string;
  }): ServiceRecord =>
    store.service(ref.cluster, ref.service, {
      accountId: ref.accountId,
      region: ref.region,
    });

  const taskSet = (arn: string): TaskSetRecord => {
    const found = store.taskSets.get(arn);
    if (!found) {
      throw new AwsError(
        'TaskSetNotFoundException',
        `Task set ${arn} not found.`,
      );
    }
    return found;
  };

  return {
    getService(ref) {
      const s = service(ref);
      return {
        serviceArn: s.arn,
        clusterArn: s.clusterArn,
        taskDefinition: s.taskDefinition,
        desiredCount: s.desiredCount,
        deploymentController: s.controller,
        loadBalancers: s.loadBalancers.map(lb => ({
          targetGroupArn: lb.targetGroupArn,
          containerName: lb.containerName,
          containerPort: lb.containerPort,
        })),
      };
    },

    createTaskSet(spec: TaskSetSpec) {
      const s = service(spec);
      const td = store.taskDefinition(spec.taskDefinition, spec);
      const template = s.loadBalancers[0];
      const containerName = spec.containerName ?? template?.containerName;
      const containerPort = spec.containerPort ?? template?.containerPort;
      if (containerName && spec.targetGroupArns.length > 0) {
        checkLoadBalancerContainer(td, containerName, containerPort);
      }
      const record = createTaskSetRecord(store, s, {
        taskDefinition: td.arn,
        loadBalancers: spec.targetGroupArns.map(targetGroupArn => ({
          targetGroupArn,
          containerName,
          containerPort,
        })),
        scalePercent: spec.scalePercent,
        externalId: spec.externalId,
        startedBy: spec.externalId ?? 'CodeDeploy',
        launchType: spec.launchType,
      });
      return record.arn;
    },

    updateTaskSetScale(arn, scalePercent) {
      const ts = taskSet(arn);
      ts.scale = { value: scalePercent, unit: 'PERCENT' };
      ts.updatedAt = store.now();
    },

    setPrimaryTaskSet(arn) {
      setPrimary(store, taskSet(arn));
    },

    deleteTaskSet(arn) {
      const ts = store.taskSets.get(arn);
      if (ts) deleteTaskSetRecord(store, ts, true);
    },

    recordStoppedTask(arn, stoppedReason, exitCode) {
      const ts = taskSet(arn);
      const s = store.services.get(ts.serviceArn);
      if (!s) return;
      const now = store.now();
      addStoppedTask(store, s, {
        taskDefinition: ts.taskDefinition,
        startedBy: ts.startedBy ?? ts.id,
        owner: `${ts.arn}#stopped`,
        launchType: ts.launchType,
        // ran half a minute before its essential container exited
        startedAt: now - 30_000,
        stoppedAt: now,
        stoppedReason,
        exitCode,
      });
    },

    registerTaskDefinition(accountId, region, input) {
      validateTaskDefinitionInput(input);
      const { tags, ...document } = input as TaskDefinitionDocument;
      const td = store.registerTaskDefinition({ accountId, region }, document);
      store.world.tags.tag(td.arn, ecsTagsInput(tags));
      return td.arn;
    },

    targetsOf(targetGroupArn) {
      const out: {
        id: string;
        port: number;
        state: 'initial' | 'healthy' | 'draining';
      }[] = [];
      const now = store.now();
      for (const t of store.tasks.values()) {
        if (!t.targetGroupArns.includes(targetGroupArn)) continue;
        if (t.lastStatus === 'STOPPED') {
          // A task that served traffic drains for the deregistration delay.
          const draining =
            t.startedAt !== undefined &&
            t.stoppedAt !== undefined &&
            now < t.stoppedAt + DEREGISTRATION_DELAY_MS;
          if (draining) out.push({ id: t.ip, port: t.port, state: 'draining' });
          continue;
        }
        out.push({
          id: t.ip,
          port: t.port,
          state: t.lastStatus === 'RUNNING' ? 'healthy' : 'initial',
        });
      }
      return out;
    },

    getPrimaryTaskSet(ref) {
      const s = service(ref);
      const primary = s.taskSetArns
        .map(arn => store.taskSets.get(arn))
        .find(ts => ts?.status === 'PRIMARY');
      return primary
        ? { taskSetArn: primary.arn, taskDefinition: primary.taskDefinition }
        : undefined;
    },

    describeTaskSet(arn) {
      const ts = store.taskSets.get(arn);
      if (!ts) return undefined;
      const s = store.services.get(ts.serviceArn);
      const live = store.liveTasksOf(ts.arn);
      const running = live.filter(t => t.lastStatus === 'RUNNING').length;
      return {
        id: ts.id,
        desiredCount: s ? computedDesiredCount(s, ts) : 0,
        pendingCount: live.length - running,
        runningCount: running,
        status: ts.status,
      };
    },

    taskDefinitionInput(arn) {
      const td = store.taskDefinition(arn, scopeOf(arn, store.world.defaults));
      return structuredClone(td.document);
    },

    updateServiceTaskDefinition(ref, taskDefinition) {
      const s = service(ref);
      if (s.controller !== 'ECS') {
        throw new AwsError(
          'InvalidParameterException',
          `Unable to update task definition on services with a ${s.controller} deployment controller.`,
        );
      }
      const td = store.taskDefinition(taskDefinition, ref);
      return startServiceDeployment(store, s, td.arn, store.now()).arn;
    },

    getServiceDeploymentStatus(arn) {
      return store.deployments.get(arn)?.status;
    },

    importServiceDeployment(input) {
      return importServiceDeployment(store, input);
    },

    importStoppedTask(input) {
      importStoppedTask(store, input);
    },
  };
}
