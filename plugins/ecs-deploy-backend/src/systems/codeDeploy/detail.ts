import {
  DeploymentDetail,
  DeploymentSummary,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { cacheKeys } from '../../aws/cacheKeys';
import { classOfStatus } from '../../cache/ClassedCache';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { entryNotFound } from '../../history/entryNotFound';
import { ReadContext } from '../../reads/ReadContext';
import { codeDeploySummary } from './summary';

interface FoundDeployment {
  found?: {
    application?: string;
    deploymentGroup?: string;
    summary: DeploymentSummary;
    statusMessages: string[];
  };
}

/** What the detail shows of a CodeDeploy deployment, cached by its status. */
function codeDeployDeployment(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  awsId: string,
): Promise<FoundDeployment> {
  const location = { accountId: env.accountId, region: env.region };
  return ctx.cache.get(
    cacheKeys.codeDeployDetail(location, env.name, awsId),
    async (): Promise<FoundDeployment> => {
      const [info] = await ctx.aws.codeDeploy.deployments(location, [awsId]);
      if (!info) return {};
      return {
        found: {
          application: info.applicationName,
          deploymentGroup: info.deploymentGroupName,
          summary: codeDeploySummary(env.name, info),
          statusMessages: [
            ...(info.deploymentStatusMessages ?? []),
            ...(info.additionalDeploymentStatusInfo
              ? [info.additionalDeploymentStatusInfo]
              : []),
            ...(info.errorInformation?.message
              ? [
                  `${info.errorInformation.code ?? 'Error'}: ${
                    info.errorInformation.message
                  }`,
                ]
              : []),
          ],
        },
      };
    },
    value =>
      value.found ? classOfStatus(value.found.summary.status) : 'active',
  );
}

/** A CodeDeploy deployment of the environment's group, with its targets. */
export async function codeDeployDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
  awsId: string,
): Promise<DeploymentDetail> {
  const location = { accountId: env.accountId, region: env.region };
  // The id says CodeDeploy: read it while the service and its group load.
  const [{ found }, targets, { codeDeploy }] = await Promise.all([
    codeDeployDeployment(ctx, env, awsId),
    ctx.aws.codeDeploy.deploymentTargets(location, awsId).catch(() => []),
    loading,
  ]);
  // The id comes from the client: only a deployment of this environment's
  // own deployment group may be shown.
  if (
    !found ||
    !codeDeploy ||
    found.application !== codeDeploy.application ||
    found.deploymentGroup !== codeDeploy.deploymentGroup
  ) {
    throw entryNotFound(id, env.name);
  }
  return {
    deployment: structuredClone(found.summary) as DeploymentSummary,
    lifecycleEvents: targets[0]?.lifecycleEvents ?? [],
    statusMessages: found.statusMessages,
    targets,
  };
}
