import { Config } from '@backstage/config';

/**
 * Role names AWS's own guides use, for environments whose config names none.
 * IAM is not the scaffolder's job: these roles must exist in the account.
 *
 * @public
 */
export const defaultRoleArns = {
  execution: (accountId: string) =>
    `arn:aws:iam::${accountId}:role/ecsTaskExecutionRole`,
  codeDeploy: (accountId: string) =>
    `arn:aws:iam::${accountId}:role/ecsCodeDeployRole`,
  ecsInfrastructure: (accountId: string) =>
    `arn:aws:iam::${accountId}:role/ecsInfrastructureRoleForLoadBalancers`,
  pipeline: (accountId: string) =>
    `arn:aws:iam::${accountId}:role/service-role/AWSCodePipelineServiceRole`,
};

/** Default artifact store bucket of CodePipeline in an account and region. @public */
export const defaultArtifactBucket = (accountId: string, region: string) =>
  `codepipeline-${region}-${accountId}`;

/**
 * An ALB that the platform team shares between services of one environment.
 * The ECS-native strategies route to a service by a listener rule with a
 * host condition of its own; the listeners themselves are never modified.
 *
 * @public
 */
export interface SharedLoadBalancer {
  /** Name of the ALB. */
  name: string;
  productionListenerPort: number;
  testListenerPort: number;
  /** The host a service answers on, `{name}` replaced by the service's name. */
  hostPattern: string;
}

/**
 * Where services of one environment go, from `ecsDeploy.scaffolder.environments`,
 * with the role and bucket defaults filled in. Only config names accounts,
 * clusters, networks, roles and shared load balancers: the actions take none
 * of them as input.
 *
 * @public
 */
export interface EnvironmentTarget {
  name: string;
  accountId: string;
  region: string;
  cluster: string;
  /** Listener ports of the ALB each CODE_DEPLOY (or unshared) service gets. */
  productionListenerPort: number;
  testListenerPort: number;
  sharedLoadBalancer?: SharedLoadBalancer;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
  executionRoleArn: string;
  taskRoleArn?: string;
  codeDeployRoleArn: string;
  /** Role ECS assumes for native blue/green to move listener rules. */
  ecsInfrastructureRoleArn: string;
  pipelineRoleArn: string;
  artifactBucket: string;
}

/**
 * Where the infrastructure repository is published.
 *
 * @public
 */
export interface InfraRepositoryTarget {
  /** `local`: a git repository in a directory; `github`: the template's publish:github step. */
  type: 'local' | 'github';
  /** For `local`: the parent directory of the repositories (relative to the backend's working directory). */
  directory?: string;
  /** For `github`: host and owner, e.g. `github.com` and `my-org`. */
  host: string;
  owner?: string;
  branch: string;
  /** The CodeConnections (CodeStar) connection the pipelines read the repository through. */
  connectionArn?: string;
}

/**
 * The scaffolder module's config, `ecsDeploy.scaffolder`.
 *
 * @public
 */
export interface ScaffolderSettings {
  environments: EnvironmentTarget[];
  /** The registry account; default the first environment's account and region. */
  ecr?: { accountId: string; region: string };
  infraRepository: InfraRepositoryTarget;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Reads and checks `ecsDeploy.scaffolder`. A malformed environment fails at
 * start-up, naming the key, rather than at the first template run.
 *
 * @public
 */
export function readScaffolderSettings(
  config: Config,
  defaultRegion: string,
): ScaffolderSettings {
  const root = config.getOptionalConfig('ecsDeploy.scaffolder');
  const environments = (root?.getOptionalConfigArray('environments') ?? []).map(
    (env, i): EnvironmentTarget => {
      const accountId = env.getString('accountId');
      if (!ACCOUNT_ID.test(accountId)) {
        throw new Error(
          `ecsDeploy.scaffolder.environments[${i}].accountId must be 12 digits, got '${accountId}'`,
        );
      }
      const region = env.getOptionalString('region') ?? defaultRegion;
      const shared = env.getOptionalConfig('sharedLoadBalancer');
      return {
        name: env.getString('name'),
        accountId,
        region,
        cluster: env.getString('cluster'),
        productionListenerPort:
          env.getOptionalNumber('productionListenerPort') ?? 80,
        testListenerPort: env.getOptionalNumber('testListenerPort') ?? 8080,
        ...(shared
          ? {
              sharedLoadBalancer: {
                name: shared.getString('name'),
                productionListenerPort:
                  shared.getOptionalNumber('productionListenerPort') ?? 80,
                testListenerPort:
                  shared.getOptionalNumber('testListenerPort') ?? 8080,
                hostPattern: readHostPattern(shared, i),
              },
            }
          : {}),
        subnets: env.getOptionalStringArray('subnets') ?? [],
        securityGroups: env.getOptionalStringArray('securityGroups') ?? [],
        assignPublicIp: env.getOptionalBoolean('assignPublicIp') ?? false,
        executionRoleArn:
          env.getOptionalString('executionRoleArn') ??
          defaultRoleArns.execution(accountId),
        taskRoleArn: env.getOptionalString('taskRoleArn'),
        codeDeployRoleArn:
          env.getOptionalString('codeDeployRoleArn') ??
          defaultRoleArns.codeDeploy(accountId),
        ecsInfrastructureRoleArn:
          env.getOptionalString('ecsInfrastructureRoleArn') ??
          defaultRoleArns.ecsInfrastructure(accountId),
        pipelineRoleArn:
          env.getOptionalString('pipelineRoleArn') ??
          defaultRoleArns.pipeline(accountId),
        artifactBucket:
          env.getOptionalString('artifactBucket') ??
          defaultArtifactBucket(accountId, region),
      };
    },
  );
  const ecr = root?.getOptionalConfig('ecr');
  const repo = root?.getOptionalConfig('infraRepository');
  return {
    environments,
    ...(ecr
      ? {
          ecr: {
            accountId: ecr.getString('accountId'),
            region: ecr.getOptionalString('region') ?? defaultRegion,
          },
        }
      : {}),
    infraRepository: {
      type: (repo?.getOptionalString('type') as 'local' | 'github') ?? 'github',
      directory: repo?.getOptionalString('directory'),
      host: repo?.getOptionalString('host') ?? 'github.com',
      owner: repo?.getOptionalString('owner'),
      branch: repo?.getOptionalString('branch') ?? 'main',
      connectionArn: repo?.getOptionalString('connectionArn'),
    },
  };
}

function readHostPattern(shared: Config, index: number): string {
  const pattern = shared.getString('hostPattern');
  // One service per host: a pattern without {name} would route every
  // service created on this ALB to the first one's rule.
  if (!pattern.includes('{name}')) {
    throw new Error(
      `ecsDeploy.scaffolder.environments[${index}].sharedLoadBalancer.hostPattern must contain {name}, got '${pattern}'`,
    );
  }
  return pattern;
}
