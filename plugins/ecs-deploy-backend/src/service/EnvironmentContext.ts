import { ReadContext } from './aws/ReadContext';
import { describeService } from './aws/ecsReads';
import { ResolvedEnvironment, ServiceState } from './model';
import { codeDeployGroupFor } from './resolution/codeDeployGroup';

/** An environment with its service state and CodeDeploy group read. */
export interface LoadedEnvironment {
  env: ResolvedEnvironment;
  service?: ServiceState;
  codeDeploy?: { application: string; deploymentGroup: string };
}

/** Reads what every reader needs about an environment (1-2 cached calls). */
export async function loadEnvironment(
  ctx: ReadContext,
  env: ResolvedEnvironment,
): Promise<LoadedEnvironment> {
  const service = env.service
    ? await describeService(ctx, env.service)
    : undefined;
  const codeDeploy = await codeDeployGroupFor(ctx, env, service);
  return { env, service, ...(codeDeploy ? { codeDeploy } : {}) };
}
