import { ecsServiceArn, iamArn } from '../../../core/arns';
import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import {
  optionalNumber,
  optionalString,
  requireArray,
  requireString,
} from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import type {
  ControllerType,
  DeploymentConfigurationRecord,
  LoadBalancerRecord,
  ServiceRecord,
} from '../model';
import { nameOf, scopeOf } from '../references';
import { renderService } from '../render';
import { startServiceDeployment, strategyOf } from '../serviceDeployments';
import { createTaskSetRecord } from '../taskSets';
import { INVALID, ecsTagsInput, includes } from './common';

const CONTROLLERS: ControllerType[] = ['ECS', 'CODE_DEPLOY', 'EXTERNAL'];
const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];

function parseLoadBalancers(value: unknown): LoadBalancerRecord[] {
  const list = (value ?? []) as (LoadBalancerRecord | undefined)[];
  if (!Array.isArray(list))
    throw new AwsError(INVALID, 'loadBalancers must be a list.');
  return list.map(lb => ({
    targetGroupArn: lb?.targetGroupArn,
    loadBalancerName: lb?.loadBalancerName,
    containerName: lb?.containerName,
    containerPort: lb?.containerPort,
    ...(lb?.advancedConfiguration
      ? { advancedConfiguration: { ...lb.advancedConfiguration } }
      : {}),
  }));
}

/** AWS's defaults, filled in so DescribeServices shows what AWS shows. */
function withDefaults(
  config: DeploymentConfigurationRecord | undefined,
  controller: ControllerType,
): DeploymentConfigurationRecord {
  const out: DeploymentConfigurationRecord = {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    ...config,
  };
  if (controller === 'ECS') {
    out.strategy = out.strategy ?? 'ROLLING';
    if (!STRATEGIES.includes(out.strategy)) {
      throw new AwsError(
        INVALID,
        `Invalid deployment strategy ${out.strategy}.`,
      );
    }
    if (out.strategy !== 'ROLLING')
      out.bakeTimeInMinutes = out.bakeTimeInMinutes ?? 0;
    if (out.strategy === 'CANARY' && !out.canaryConfiguration) {
      throw new AwsError(
        INVALID,
        'canaryConfiguration is required for the CANARY deployment strategy.',
      );
    }
    if (out.strategy === 'LINEAR' && !out.linearConfiguration) {
      throw new AwsError(
        INVALID,
        'linearConfiguration is required for the LINEAR deployment strategy.',
      );
    }
  }
  return out;
}

/** Blue/green-family strategies need an alternate target group and a production rule that exist. */
function validateTrafficShifting(
  store: EcsStore,
  service: ServiceRecord,
): void {
  if (service.controller !== 'ECS' || strategyOf(service) === 'ROLLING') return;
  if (service.loadBalancers.length === 0) {
    // Service Connect, the other way AWS shifts traffic, is not simulated.
    throw new AwsError(
      INVALID,
      `The ${strategyOf(
        service,
      )} deployment strategy requires a load balancer.`,
    );
  }
  for (const lb of service.loadBalancers) {
    const advanced = lb.advancedConfiguration;
    if (
      !lb.targetGroupArn ||
      !advanced?.alternateTargetGroupArn ||
      !advanced.productionListenerRule
    ) {
      throw new AwsError(
        INVALID,
        `The ${strategyOf(
          service,
        )} deployment strategy requires loadBalancers[].advancedConfiguration with alternateTargetGroupArn and productionListenerRule.`,
      );
    }
    for (const rule of [
      advanced.productionListenerRule,
      advanced.testListenerRule,
    ]) {
      if (!rule) continue;
      try {
        store.world.elbv2.getRuleWeights(rule);
      } catch {
        throw new AwsError(
          INVALID,
          `The listener rule ${rule} does not exist.`,
        );
      }
    }
  }
}

export function serviceOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    CreateService(input, ctx) {
      const name = requireString(input, 'serviceName', INVALID);
      if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) {
        throw new AwsError(
          INVALID,
          'Service name may contain letters, numbers, hyphens and underscores.',
        );
      }
      const cluster = store.cluster(
        optionalString(input, 'cluster', INVALID),
        callerScope(ctx),
      );
      const scope = { accountId: cluster.accountId, region: cluster.region };
      const controller = (input.deploymentController?.type ??
        'ECS') as ControllerType;
      if (!CONTROLLERS.includes(controller)) {
        throw new AwsError(
          INVALID,
          `Invalid deployment controller ${controller}.`,
        );
      }
      const tdRef = optionalString(input, 'taskDefinition', INVALID);
      if (!tdRef && controller !== 'EXTERNAL') {
        throw new AwsError(INVALID, 'Task definition must be specified.');
      }
      const td = tdRef ? store.taskDefinition(tdRef, scope) : undefined;
      const arn = ecsServiceArn(scope, cluster.name, name);
      const existing = store.services.get(arn);
      if (existing && existing.status !== 'INACTIVE') {
        throw new AwsError(INVALID, 'Creation of service was not idempotent.');
      }
      const desiredCount = optionalNumber(input, 'desiredCount', INVALID) ?? 0;
      const loadBalancers = parseLoadBalancers(input.loadBalancers);
      const now = store.now();
      const service: ServiceRecord = {
        arn,
        name,
        clusterArn: cluster.arn,
        clusterName: cluster.name,
        ...scope,
        status: 'ACTIVE',
        desiredCount,
        taskDefinition: td?.arn ?? '',
        launchType:
          optionalString(input, 'launchType', INVALID) ??
          (input.capacityProviderStrategy ? undefined : 'FARGATE'),
        platformVersion: optionalString(input, 'platformVersion', INVALID),
        schedulingStrategy:
          optionalString(input, 'schedulingStrategy', INVALID) ?? 'REPLICA',
        networkConfiguration: input.networkConfiguration,
        loadBalancers,
        controller,
        deploymentConfiguration: withDefaults(
          input.deploymentConfiguration,
          controller,
        ),
        roleArn: optionalString(input, 'role', INVALID),
        createdAt: now,
        createdBy: iamArn(scope, 'role/sandbox'),
        events: [],
        rollouts: [],
        taskSetArns: [],
        liveTargetGroups: loadBalancers.map(lb => lb.targetGroupArn),
        steady: false,
      };
      validateTrafficShifting(store, service);
      store.services.set(arn, service);
      store.world.tags.register(arn);
      store.world.tags.tag(arn, ecsTagsInput(input.tags));

      if (controller === 'ECS' && td) {
        startServiceDeployment(store, service, td.arn, now);
      } else if (controller === 'CODE_DEPLOY' && td) {
        // CodeDeploy services start with one PRIMARY task set (the blue one).
        const taskSet = createTaskSetRecord(store, service, {
          taskDefinition: td.arn,
          loadBalancers,
          scalePercent: 100,
          startedBy: 'CodeDeploy',
          launchType: service.launchType,
        });
        taskSet.status = 'PRIMARY';
      }
      return { service: renderService(store, service, true) };
    },

    DescribeServices(input, ctx) {
      const refs = requireArray<string>(input, 'services', INVALID);
      if (refs.length > 10) {
        throw new AwsError(INVALID, 'services can have at most 10 items.');
      }
      const cluster = store.cluster(
        optionalString(input, 'cluster', INVALID),
        callerScope(ctx),
      );
      const scope = { accountId: cluster.accountId, region: cluster.region };
      const services = [];
      const failures = [];
      for (const ref of refs) {
        const arn = ecsServiceArn(
          scopeOf(ref, scope),
          cluster.name,
          nameOf(ref),
        );
        const found = store.services.get(arn);
        if (found)
          services.push(renderService(store, found, includes(input, 'TAGS')));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { services, failures };
    },

    ListServices(input, ctx) {
      const cluster = store.cluster(
        optionalString(input, 'cluster', INVALID),
        callerScope(ctx),
      );
      const launchType = optionalString(input, 'launchType', INVALID);
      const arns = [...store.services.values()]
        .filter(
          s =>
            s.clusterArn === cluster.arn &&
            s.status === 'ACTIVE' &&
            (!launchType || (s.launchType ?? 'FARGATE') === launchType),
        )
        .map(s => s.arn);
      const maxResults = optionalNumber(input, 'maxResults', INVALID);
      if (maxResults !== undefined && (maxResults < 1 || maxResults > 100)) {
        throw new AwsError(INVALID, 'maxResults must be between 1 and 100.');
      }
      const { page, nextToken } = paginate(arns, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults,
        defaultMaxResults: 10,
        invalidTokenCode: INVALID,
      });
      return { serviceArns: page, nextToken };
    },

    UpdateService(input, ctx) {
      const ref = requireString(input, 'service', INVALID);
      const service = store.findService(
        optionalString(input, 'cluster', INVALID),
        ref,
        callerScope(ctx),
      );
      if (!service) {
        throw new AwsError('ServiceNotFoundException', 'Service not found.');
      }
      if (service.status !== 'ACTIVE') {
        throw new AwsError(
          'ServiceNotActiveException',
          'Service was not ACTIVE.',
        );
      }
      const scope = { accountId: service.accountId, region: service.region };
      const tdRef = optionalString(input, 'taskDefinition', INVALID);
      const td = tdRef ? store.taskDefinition(tdRef, scope) : undefined;
      if (
        input.deploymentController?.type &&
        input.deploymentController.type !== service.controller
      ) {
        throw new AwsError(
          INVALID,
          "The sandbox cannot change a service's deployment controller.",
        );
      }
      if (
        td &&
        service.controller !== 'ECS' &&
        td.arn !== service.taskDefinition
      ) {
        throw new AwsError(
          INVALID,
          service.controller === 'CODE_DEPLOY'
            ? 'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.'
            : 'Unable to update task definition on services with a EXTERNAL deployment controller. Use task sets to deploy a new revision.',
        );
      }
      // Validate the whole update before applying any of it.
      const desiredCount = optionalNumber(input, 'desiredCount', INVALID);
      const nextConfig = input.deploymentConfiguration
        ? withDefaults(
            {
              ...service.deploymentConfiguration,
              ...input.deploymentConfiguration,
            },
            service.controller,
          )
        : service.deploymentConfiguration;
      const nextLoadBalancers = input.loadBalancers
        ? parseLoadBalancers(input.loadBalancers)
        : service.loadBalancers;
      validateTrafficShifting(store, {
        ...service,
        deploymentConfiguration: nextConfig,
        loadBalancers: nextLoadBalancers,
      });

      if (desiredCount !== undefined) {
        service.desiredCount = desiredCount;
        const primary = store.primaryRollout(service);
        const inFlight = service.rollouts.length > 1;
        if (primary && (!inFlight || primary.desiredCount > 0))
          primary.desiredCount = desiredCount;
        service.steady = false;
      }
      service.deploymentConfiguration = nextConfig;
      if (input.loadBalancers) {
        service.loadBalancers = nextLoadBalancers;
        service.liveTargetGroups = nextLoadBalancers.map(
          (lb, i) => service.liveTargetGroups[i] ?? lb.targetGroupArn,
        );
      }
      if (input.networkConfiguration)
        service.networkConfiguration = input.networkConfiguration;
      const newTaskDefinition = td && td.arn !== service.taskDefinition;
      if (
        service.controller === 'ECS' &&
        (newTaskDefinition || input.forceNewDeployment === true)
      ) {
        startServiceDeployment(
          store,
          service,
          td?.arn ?? service.taskDefinition,
          store.now(),
        );
      }
      return { service: renderService(store, service, false) };
    },

    DeleteService(input, ctx) {
      const ref = requireString(input, 'service', INVALID);
      const service = store.service(
        optionalString(input, 'cluster', INVALID),
        ref,
        callerScope(ctx),
      );
      if (service.desiredCount > 0 && input.force !== true) {
        throw new AwsError(
          INVALID,
          'The service cannot be stopped while it is scaled above 0.',
        );
      }
      const now = store.now();
      for (const owner of [
        ...service.rollouts.map(r => r.id),
        ...service.taskSetArns,
      ]) {
        for (const task of store.liveTasksOf(owner)) {
          store.stopTask(
            task,
            'Service deleted',
            'ServiceSchedulerInitiated',
            143,
            now,
          );
        }
      }
      service.status = 'DRAINING';
      const rendered = renderService(store, service, false);
      service.status = 'INACTIVE';
      service.rollouts = [];
      return { service: rendered };
    },
  };
}
