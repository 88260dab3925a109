import { parseDeploymentId } from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { GroupRef } from '../../aws/codeDeploy';
import { deploymentsVersionOf } from '../../aws/serviceVersion';
import { ServiceState } from '../../aws/state';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { cachedBatch } from '../../history/cachedBatch';
import { HistorySource } from '../../history/HistorySource';
import { ReadContext } from '../../reads/ReadContext';
import { codeDeploySummary } from './summary';

/**
 * The deployments of the environment's deployment group, newest first; the
 * pages under the version of the service it deploys, when read: no page
 * changes before a deployment's task set shows in the service.
 */
export function codeDeploySource(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  group: GroupRef,
  service?: ServiceState,
): HistorySource {
  const location = { accountId: env.accountId, region: env.region };
  const version = service && deploymentsVersionOf(service);
  const describe = (ids: string[]) =>
    cachedBatch(
      ctx,
      cacheKeys.codeDeploySummaries(env.accountId, env.name),
      ids,
      async missing => {
        const infos = await ctx.aws.codeDeploy.deployments(location, missing);
        return new Map(
          infos.map(i => [
            i.deploymentId ?? '',
            codeDeploySummary(env.name, i),
          ]),
        );
      },
    );
  return {
    key: `${env.name}:codedeploy`,
    environment: env.name,
    list: token =>
      ctx.aws.codeDeploy.deploymentPage(location, group, token, version),
    describe: (_token, ids) => describe(ids),
    describeEntries: ids =>
      describe(
        ids.flatMap(id => {
          const parsed = parseDeploymentId(id);
          return parsed?.kind === 'codedeploy' ? [parsed.awsId] : [];
        }),
      ),
  };
}
