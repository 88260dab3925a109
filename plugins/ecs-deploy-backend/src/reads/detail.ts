import { InputError } from '@backstage/errors';
import {
  DeploymentDetail,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { entryNotFound } from '../history/entryNotFound';
import { DEPLOYMENT_SYSTEMS, systemsOfKind } from '../systems/registry';
import { ReadContext } from './ReadContext';

/**
 * The detail of one history entry of an environment, from the system whose
 * entry it is, with what the other systems know of it (the pipeline
 * execution that started a deployment). `loading` is the environment's
 * service state, still being read: the reads the id alone allows start at
 * once, the checks that need the service wait for it.
 */
export async function readDeploymentDetail(
  ctx: ReadContext,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
): Promise<DeploymentDetail> {
  // Awaited below on every path that reaches AWS; never left unhandled.
  loading.catch(() => undefined);
  const parsed = parseDeploymentId(id);
  if (!parsed) {
    throw new InputError(
      `deploymentId: '${id}' is not a deployment id from the history (codedeploy:…, ecs:… or pipeline:…)`,
    );
  }
  const links = DEPLOYMENT_SYSTEMS.flatMap(s =>
    s.links && s.entryKind !== parsed.kind
      ? [s.links.detail(ctx, env, id)]
      : [],
  );
  links.forEach(link => link.catch(() => undefined));
  // Systems sharing an id kind tell by the loaded service whose entry it is.
  const details = await Promise.all(
    systemsOfKind(parsed.kind).map(s =>
      s.detail(ctx, env, loading, id, parsed.awsId),
    ),
  );
  const detail = details.find(d => d !== undefined);
  if (!detail) throw entryNotFound(id, env.name);
  let linked = detail;
  for (const link of await Promise.all(links)) {
    if (link) linked = link(linked);
  }
  return linked;
}
