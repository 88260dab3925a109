import { InputError } from '@backstage/errors';
import {
  EnvironmentTarget,
  ScaffolderSettings,
  defaultArtifactBucket,
  defaultRoleArns,
} from './scaffolderConfig';

/**
 * An environment with every value an action needs: the configured environment
 * of that name, overridden field by field by the action's input.
 *
 * @public
 */
export interface ResolvedEnvironment
  extends Required<Omit<EnvironmentTarget, 'loadBalancer' | 'taskRoleArn'>> {
  loadBalancer?: string;
  taskRoleArn?: string;
}

/**
 * Merges an action's explicit input over `ecsDeploy.scaffolder.environments`
 * (input wins), filling role and bucket defaults. Throws an InputError naming
 * the missing field.
 *
 * @public
 */
export function resolveEnvironment(
  settings: ScaffolderSettings,
  defaultRegion: string,
  input: { environment: string } & Partial<EnvironmentTarget>,
): ResolvedEnvironment {
  const configured = settings.environments.find(
    e => e.name === input.environment,
  );
  const pick = <K extends keyof EnvironmentTarget>(key: K) =>
    (input[key] ?? configured?.[key]) as EnvironmentTarget[K] | undefined;
  const required = <K extends keyof EnvironmentTarget>(key: K) => {
    const value = pick(key);
    if (value === undefined || value === '') {
      throw new InputError(
        `${key} is required: give it as input or configure environment '${input.environment}' under ecsDeploy.scaffolder.environments`,
      );
    }
    return value as NonNullable<EnvironmentTarget[K]>;
  };
  const accountId = required('accountId');
  if (!/^\d{12}$/.test(accountId)) {
    throw new InputError(`accountId must be 12 digits, got '${accountId}'`);
  }
  const region = pick('region') ?? defaultRegion;
  return {
    name: input.environment,
    accountId,
    region,
    cluster: required('cluster'),
    loadBalancer: pick('loadBalancer'),
    productionListenerPort: pick('productionListenerPort') ?? 80,
    testListenerPort: pick('testListenerPort') ?? 8080,
    subnets: pick('subnets') ?? [],
    securityGroups: pick('securityGroups') ?? [],
    assignPublicIp: pick('assignPublicIp') ?? false,
    executionRoleArn:
      pick('executionRoleArn') ?? defaultRoleArns.execution(accountId),
    taskRoleArn: pick('taskRoleArn'),
    codeDeployRoleArn:
      pick('codeDeployRoleArn') ?? defaultRoleArns.codeDeploy(accountId),
    ecsInfrastructureRoleArn:
      pick('ecsInfrastructureRoleArn') ??
      defaultRoleArns.ecsInfrastructure(accountId),
    pipelineRoleArn:
      pick('pipelineRoleArn') ?? defaultRoleArns.pipeline(accountId),
    artifactBucket:
      pick('artifactBucket') ?? defaultArtifactBucket(accountId, region),
  };
}
