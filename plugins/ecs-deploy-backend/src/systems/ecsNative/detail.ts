import {
  DeploymentDetail,
  LifecycleEvent,
  fromEcsHookStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsServiceDeploymentArn } from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { entryNotFound } from '../../history/entryNotFound';
import { iso } from '../../mapping/time';
import { ReadContext } from '../../reads/ReadContext';
import { ecsSummary } from './summary';

/**
 * An ECS service deployment of the environment's service, with its
 * lifecycle stage and hooks. Undefined when the service is not deployed by
 * the ECS controller (another system's `ecs:` entry).
 */
export async function ecsDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
  awsId: string,
): Promise<DeploymentDetail | undefined> {
  if (!env.service) throw entryNotFound(id, env.name);
  // Read the deployment while the service loads; used only if it is ECS's.
  const rawRead = ctx.aws.ecs.serviceDeployments(env.service, [
    ecsServiceDeploymentArn({ ...env.service, id: awsId }),
  ]);
  rawRead.catch(() => undefined);
  const { service } = await loading;
  if (!service || service.controller === 'CODE_DEPLOY') {
    throw entryNotFound(id, env.name);
  }
  if (service.controller !== 'ECS') return undefined;
  const [raw] = await rawRead;
  if (!raw || raw.serviceArn !== service.arn) throw entryNotFound(id, env.name);
  const revisionArns = [
    ...(raw.sourceServiceRevisions ?? []),
    ...(raw.targetServiceRevision ? [raw.targetServiceRevision] : []),
  ].flatMap(r => (r.arn ? [r.arn] : []));
  const revisions = await ctx.aws.ecs.serviceRevisions(
    env.service,
    revisionArns,
  );
  const deployment = ecsSummary(env.name, raw, revisions);
  const events: LifecycleEvent[] = [];
  if (raw.lifecycleStage) {
    events.push({
      name: raw.lifecycleStage,
      status: deployment.status,
      awsStatus: raw.status ?? 'UNKNOWN',
      ...(iso(raw.updatedAt) ? { startedAt: iso(raw.updatedAt) } : {}),
    });
  }
  for (const hook of raw.lifecycleHookDetails ?? []) {
    events.push({
      name: `hook ${hook.hookId ?? ''} (${hook.targetType ?? 'PAUSE'})`,
      status: fromEcsHookStatus(hook.status),
      awsStatus: hook.status ?? 'UNKNOWN',
      ...(hook.expiresAt
        ? {
            message: `expires at ${iso(hook.expiresAt)}, then ${
              hook.timeoutAction ?? 'continues'
            }`,
          }
        : {}),
    });
  }
  return {
    deployment,
    lifecycleEvents: events,
    statusMessages: [
      ...(raw.statusReason ? [raw.statusReason] : []),
      ...(raw.rollback?.reason ? [`Rollback: ${raw.rollback.reason}`] : []),
      ...(raw.deploymentCircuitBreaker?.status
        ? [
            `Circuit breaker ${raw.deploymentCircuitBreaker.status}: ${
              raw.deploymentCircuitBreaker.failureCount ?? 0
            }/${raw.deploymentCircuitBreaker.threshold ?? '?'} failed tasks`,
          ]
        : []),
    ],
    targets: [],
    ...(raw.lifecycleStage ? { lifecycleStage: raw.lifecycleStage } : {}),
  };
}
