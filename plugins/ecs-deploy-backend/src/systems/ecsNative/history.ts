import { cacheKeys } from '../../aws/cacheKeys';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { cachedBatch } from '../../history/cachedBatch';
import { HistorySource, LIST_PAGE_SIZE } from '../../history/HistorySource';
import { ReadContext } from '../../reads/ReadContext';
import { ecsSummary } from './summary';

/** The service deployments of the environment's ECS service, newest first. */
export function ecsSource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
): HistorySource {
  const service = env.service!;
  return {
    key: `${env.name}:ecs`,
    list: async token => {
      const page = await ctx.aws.ecs.serviceDeploymentPage(
        service,
        token,
        LIST_PAGE_SIZE,
      );
      return { ids: page.arns, nextToken: page.nextToken };
    },
    describe: (_token, arns) =>
      cachedBatch(
        ctx,
        cacheKeys.ecsSummaries(env.name),
        arns,
        async missing => {
          const deployments = await ctx.aws.ecs.serviceDeployments(
            service,
            missing,
          );
          const revisionArns = deployments.flatMap(d => [
            ...(d.targetServiceRevision?.arn
              ? [d.targetServiceRevision.arn]
              : []),
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
        },
      ),
  };
}
