import {
  parseDeploymentId,
  ecsServiceDeploymentArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { deploymentsVersionOf } from '../../aws/serviceVersion';
import { ServiceState } from '../../aws/state';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { cachedBatch } from '../../history/cachedBatch';
import { HistorySource, LIST_PAGE_SIZE } from '../../history/HistorySource';
import { ReadContext } from '../../reads/ReadContext';
import { ecsSummary } from './summary';

/**
 * The service deployments of the environment's ECS service, newest first;
 * the pages under the version of the service's state, when read: no page
 * changes before the deployment shows in the service.
 */
export function ecsSource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  state?: ServiceState,
): HistorySource {
  const service = env.service!;
  const version = state && deploymentsVersionOf(state);
  const describe = (arns: string[]) =>
    cachedBatch(ctx, cacheKeys.ecsSummaries(env.name), arns, async missing => {
      const deployments = await ctx.aws.ecs.serviceDeployments(
        service,
        missing,
      );
      const revisionArns = deployments.flatMap(d => [
        ...(d.targetServiceRevision?.arn ? [d.targetServiceRevision.arn] : []),
        ...(d.sourceServiceRevisions ?? []).flatMap(r =>
          r.arn ? [r.arn] : [],
        ),
      ]);
      const revisions = revisionArns.length
        ? await ctx.aws.ecs.serviceRevisions(service, revisionArns)
        : {};
      return new Map(
        deployments.map(d => [
          d.serviceDeploymentArn ?? '',
          ecsSummary(env.name, d, revisions),
        ]),
      );
    });
  return {
    key: `${env.name}:ecs`,
    environment: env.name,
    list: async token => {
      const page = await ctx.aws.ecs.serviceDeploymentPage(
        service,
        token,
        LIST_PAGE_SIZE,
        version,
      );
      return { ids: page.arns, nextToken: page.nextToken };
    },
    describe: (_token, arns) => describe(arns),
    // A pipeline's ECS deploy action names the service deployment by id.
    describeEntries: ids =>
      describe(
        ids.flatMap(id => {
          const parsed = parseDeploymentId(id);
          return parsed?.kind === 'ecs'
            ? [ecsServiceDeploymentArn({ ...service, id: parsed.awsId })]
            : [];
        }),
      ),
  };
}
