import { Config } from '@backstage/config';

/**
 * Where services of one environment go, from `ecsDeploy.scaffolder.environments`.
 *
 * @public
 */
export interface EnvironmentTarget {
  name: string;
  accountId: string;
  region?: string;
  cluster: string;
  /** Name or ARN of an existing ALB; when absent each service gets its own `<service>-<env>` ALB. */
  loadBalancer?: string;
  productionListenerPort: number;
  testListenerPort: number;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
  executionRoleArn?: string;
  taskRoleArn?: string;
  codeDeployRoleArn?: string;
  /** Role ECS assumes for native blue/green to move listener rules. */
  ecsInfrastructureRoleArn?: string;
  pipelineRoleArn?: string;
  artifactBucket?: string;
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
  ecr?: { accountId: string; region?: string };
  infraRepository: InfraRepositoryTarget;
}

/**
 * Reads `ecsDeploy.scaffolder`; every part is optional so the actions also work
 * with everything given as input.
 *
 * @public
 */
export function readScaffolderSettings(config: Config): ScaffolderSettings {
  const root = config.getOptionalConfig('ecsDeploy.scaffolder');
  const environments = (root?.getOptionalConfigArray('environments') ?? []).map(
    (env): EnvironmentTarget => ({
      name: env.getString('name'),
      accountId: env.getString('accountId'),
      region: env.getOptionalString('region'),
      cluster: env.getString('cluster'),
      loadBalancer: env.getOptionalString('loadBalancer'),
      productionListenerPort:
        env.getOptionalNumber('productionListenerPort') ?? 80,
      testListenerPort: env.getOptionalNumber('testListenerPort') ?? 8080,
      subnets: env.getOptionalStringArray('subnets') ?? [],
      securityGroups: env.getOptionalStringArray('securityGroups') ?? [],
      assignPublicIp: env.getOptionalBoolean('assignPublicIp') ?? false,
      executionRoleArn: env.getOptionalString('executionRoleArn'),
      taskRoleArn: env.getOptionalString('taskRoleArn'),
      codeDeployRoleArn: env.getOptionalString('codeDeployRoleArn'),
      ecsInfrastructureRoleArn: env.getOptionalString(
        'ecsInfrastructureRoleArn',
      ),
      pipelineRoleArn: env.getOptionalString('pipelineRoleArn'),
      artifactBucket: env.getOptionalString('artifactBucket'),
    }),
  );
  const ecr = root?.getOptionalConfig('ecr');
  const repo = root?.getOptionalConfig('infraRepository');
  return {
    environments,
    ecr: ecr
      ? {
          accountId: ecr.getString('accountId'),
          region: ecr.getOptionalString('region'),
        }
      : undefined,
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
