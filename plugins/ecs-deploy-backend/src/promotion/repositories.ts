import { InputError } from '@backstage/errors';
import { EcrRepositoryRef } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';

/** Why an environment cannot take part in a promotion: it names no ECR repository. */
export function missingRepository(
  env: ResolvedEnvironment,
): string | undefined {
  return env.ecrRepository
    ? undefined
    : `environment '${env.name}' has no ECR repository; annotate the entity with ecs-deploy.io/ecr-repository-arn`;
}

/** The environment's repository; an InputError naming `field` without one. */
export function repositoryOf(
  env: ResolvedEnvironment,
  field: string,
): EcrRepositoryRef {
  const missing = missingRepository(env);
  if (missing) throw new InputError(`${field}: ${missing}`);
  return env.ecrRepository!;
}

/** `sha256:0123456789ab…` for messages. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest.slice(0, 12);
}
