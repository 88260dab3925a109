import { ServiceState } from '../aws/state';
import { ReadContext } from '../reads/ReadContext';
import { deploymentGroupOfService } from './deploymentGroupIndex';
import { ResolvedEnvironment } from './ResolvedEnvironment';

/**
 * The CodeDeploy application and deployment group of an environment: the
 * annotation, or for a CODE_DEPLOY service the group that lists it.
 */
export async function codeDeployGroupFor(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  service: ServiceState | undefined,
): Promise<{ application: string; deploymentGroup: string } | undefined> {
  if (env.codeDeploy) return env.codeDeploy;
  if (!env.service || service?.controller !== 'CODE_DEPLOY') return undefined;
  return deploymentGroupOfService(
    ctx,
    { accountId: env.accountId, region: env.region },
    env.service.cluster,
    env.service.serviceName,
  );
}
