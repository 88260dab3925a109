import { ecsServiceDeploymentArn } from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import type { EcsApi } from '../../world';
import type { EcsStore } from './EcsStore';
import type {
  ServiceDeploymentRecord,
  ServiceRecord,
  ServiceRevisionRecord,
} from './model';
import { createServiceRevision } from './revisions';
import { strategyOf } from './serviceDeployments';
import { addStoppedTask } from './stoppedTasks';

/*
 * Service deployments and stopped tasks of the past (the seeded history),
 * stored as the records the live lifecycle would have left behind once done:
 * the same revisions, rollback details and circuit breaker status, so every
 * operation reads them like live ones. They are terminal, so the deployment
 * machine (which only moves active deployments) never touches them, and they
 * change neither the service's current deployment nor its rollouts.
 */

type DeploymentInput = Parameters<EcsApi['importServiceDeployment']>[0];
type StoppedTaskInput = Parameters<EcsApi['importStoppedTask']>[0];

const INVALID = 'InvalidParameterException';
const TERMINAL: string[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

function serviceOf(
  store: EcsStore,
  input: {
    accountId: string;
    region: string;
    cluster: string;
    service: string;
  },
): ServiceRecord {
  const scope = { accountId: input.accountId, region: input.region };
  return store.service(input.cluster, input.service, scope);
}

/*
 * Times are not checked against the clock: the seed imports history while its
 * clock stands at the start of the played-out last day, and a finished record
 * never moves anyway.
 */
function checkTimes(from: number, to: number, what: string) {
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new AwsError(INVALID, `${what} must not end before it starts.`);
  }
}

/**
 * The revision the deployment replaced: what the latest earlier successful
 * deployment of that task definition installed, as AWS links them, or a new
 * revision when the service ran it from before the history begins.
 */
function sourceRevision(
  store: EcsStore,
  service: ServiceRecord,
  taskDefinition: string,
  before: number,
): ServiceRevisionRecord {
  const earlier = store
    .deploymentsOf(service.arn)
    .filter(d => d.createdAt < before && d.status === 'SUCCESSFUL')
    .reverse();
  for (const d of earlier) {
    const revision = store.revisions.get(d.targetRevisionArn);
    if (revision?.taskDefinition === taskDefinition) return revision;
  }
  return createServiceRevision(store, service, taskDefinition, before);
}

export function importServiceDeployment(
  store: EcsStore,
  input: DeploymentInput,
): string {
  const service = serviceOf(store, input);
  if (service.controller !== 'ECS') {
    // Only the ECS deployment controller has service deployments.
    throw new AwsError(
      INVALID,
      `Service deployments are not available on services with a ${service.controller} deployment controller.`,
    );
  }
  if (!TERMINAL.includes(input.status)) {
    // an active status would hand the record to the deployment machine
    throw new AwsError(
      INVALID,
      `An imported service deployment must have finished, not be ${input.status}.`,
    );
  }
  checkTimes(input.createdAt, input.finishedAt, 'A service deployment');
  const caller = { accountId: input.accountId, region: input.region };
  const target = store.taskDefinition(input.taskDefinition, caller);
  const source = input.sourceTaskDefinition
    ? store.taskDefinition(input.sourceTaskDefinition, caller)
    : undefined;
  const sourceRev = source
    ? sourceRevision(store, service, source.arn, input.createdAt)
    : undefined;
  const targetRev = createServiceRevision(
    store,
    service,
    target.arn,
    input.createdAt,
  );

  let status = input.status;
  let statusReason = input.statusReason;
  const rolledBack =
    status === 'ROLLBACK_SUCCESSFUL' || status === 'ROLLBACK_FAILED';
  if (rolledBack && !sourceRev) {
    // As live: a service's first deployment has nothing to go back to.
    status = 'STOPPED';
    statusReason = statusReason ?? 'Service deployment stopped.';
  }
  if (status === 'SUCCESSFUL') statusReason = undefined;

  // An initial deployment places its tasks (rolling), as CreateService does.
  const strategy = sourceRev ? strategyOf(service) : 'ROLLING';
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  // The live machine's wording tells a breaker rollback from a requested one.
  const tripped =
    status !== 'SUCCESSFUL' && /circuit breaker/i.test(statusReason ?? '');
  let circuitBreakerStatus: ServiceDeploymentRecord['circuitBreakerStatus'] =
    'DISABLED';
  if (breaker?.enable) {
    if (tripped) circuitBreakerStatus = 'TRIGGERED';
    else if (status === 'SUCCESSFUL')
      circuitBreakerStatus = 'MONITORING_COMPLETE';
    else circuitBreakerStatus = 'MONITORING';
  }
  const { createdAt, finishedAt } = input;
  // Rolling back takes the second half: tasks fail first, then drain.
  const rollbackAt = createdAt + Math.floor((finishedAt - createdAt) / 2);
  const scope = { accountId: service.accountId, region: service.region };
  const record: ServiceDeploymentRecord = {
    arn: ecsServiceDeploymentArn(
      scope,
      service.clusterName,
      service.name,
      store.world.randomHex(20),
    ),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt,
    startedAt: createdAt,
    finishedAt,
    stoppedAt: status === 'STOPPED' ? finishedAt : undefined,
    updatedAt: finishedAt,
    sourceRevisionArns: sourceRev ? [sourceRev.arn] : [],
    targetRevisionArn: targetRev.arn,
    status,
    statusReason,
    // where the live machine leaves one: done, or rolled back while scaling up
    lifecycleStage:
      strategy !== 'ROLLING' && status === 'SUCCESSFUL'
        ? 'CLEAN_UP'
        : 'SCALE_UP',
    strategy,
    deploymentConfiguration: structuredClone(service.deploymentConfiguration),
    hooks: [],
    rollback:
      status === 'ROLLBACK_SUCCESSFUL' || status === 'ROLLBACK_FAILED'
        ? {
            reason: statusReason ?? 'Service deployment rolled back.',
            startedAt: rollbackAt,
            serviceRevisionArn: sourceRev?.arn,
          }
        : undefined,
    circuitBreakerStatus,
    stageEnteredAt: finishedAt,
    productionPercent: status === 'SUCCESSFUL' ? 100 : 0,
    // a rollout id of its own, never among the service's rollouts: the ecs-svc
    // id its tasks were started by
    targetRolloutId: store.newEcsSvcId(),
    targetTargetGroups: [],
    sourceTargetGroups: [],
  };
  store.addDeployment(record);
  // The service existed before its oldest deployment.
  service.createdAt = Math.min(service.createdAt, createdAt);
  return record.arn;
}

export function importStoppedTask(
  store: EcsStore,
  input: StoppedTaskInput,
): void {
  const service = serviceOf(store, input);
  checkTimes(input.startedAt, input.stoppedAt, 'A stopped task');
  const caller = { accountId: input.accountId, region: input.region };
  const td = store.taskDefinition(input.taskDefinition, caller);
  // Tasks of an ECS service deployment are started by its `ecs-svc/` id;
  // anything else (a CodeDeploy deployment id) is kept as given.
  const deployment = input.startedBy
    ? store.deployments.get(input.startedBy)
    : undefined;
  const startedBy =
    deployment?.targetRolloutId ?? input.startedBy ?? store.newEcsSvcId();
  addStoppedTask(store, service, {
    taskDefinition: td.arn,
    startedBy,
    owner: `${deployment?.arn ?? service.arn}#imported`,
    startedAt: input.startedAt,
    stoppedAt: input.stoppedAt,
    stoppedReason: input.stoppedReason,
    exitCode: input.exitCode,
  });
}
