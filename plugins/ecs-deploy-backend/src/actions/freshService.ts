import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { NotFoundError } from '@backstage/errors';
import { callAws } from '../service/aws/callAws';
import { LoadedEnvironment } from '../service/EnvironmentContext';
import { mapService } from '../service/mapping/ecsService';
import { ActionContext } from './types';

/**
 * The environment with its service read from ECS now, bypassing the cache
 * and its stale-if-error answers: an action deciding on what runs must not
 * decide on what ran up to a cache lifetime ago.
 */
export async function withFreshService(
  ctx: ActionContext,
  loaded: LoadedEnvironment,
): Promise<LoadedEnvironment> {
  const svc = loaded.env.service;
  if (!svc) return loaded;
  const { ecs } = await ctx.reads.clients.forResource({
    accountId: svc.accountId,
    region: svc.region,
  });
  const out = await callAws(
    () =>
      ecs.send(
        new DescribeServicesCommand({
          cluster: svc.cluster,
          services: [svc.serviceName],
        }),
      ),
    { resource: svc.arn, iamAction: 'ecs:DescribeServices' },
  );
  const service = out.services?.[0];
  if (!service) {
    throw new NotFoundError(
      `ECS service ${svc.arn} not found (${
        out.failures?.[0]?.reason ?? 'MISSING'
      })`,
    );
  }
  return { ...loaded, service: mapService(service) };
}
