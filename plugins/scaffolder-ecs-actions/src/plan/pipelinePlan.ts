import {
  codeDeployDeploymentGroupArn,
  pipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import type { EcsDeployTagKeys } from '@ecs-deploy/plugin-ecs-deploy-node';
import { notOurs, standingOf } from '../authz/adoption';
import type { EnvironmentTarget } from '../config/scaffolderConfig';
import type { PipelineSite } from '../inspect/pipelineSite';
import {
  InfraRepositoryLocation,
  repositoryStanding,
} from '../publish/infraRepositoryLocation';
import type { ServiceOwnership } from '../authz/ServiceAuthorizer';
import { ServiceNames, serviceNames } from './serviceNames';

/**
 * The pipeline of a service in one environment and everything it points at,
 * all derived from the component name, the environment and config.
 *
 * @public
 */
export interface PipelineTarget {
  entityRef: string;
  owner: ServiceOwnership;
  env: EnvironmentTarget;
  names: ServiceNames;
  registry: { accountId: string; region: string };
  deploy: 'codedeploy' | 'ecs';
  infraRepository: InfraRepositoryLocation;
  arns: { pipeline: string; deploymentGroup: string };
}

/** @public */
export function pipelineTarget(opts: {
  name: string;
  owner: ServiceOwnership;
  env: EnvironmentTarget;
  registry: { accountId: string; region: string };
  deploy: 'codedeploy' | 'ecs';
  infraRepository: InfraRepositoryLocation;
}): PipelineTarget {
  const { env } = opts;
  const names = serviceNames(opts.name, env.name);
  return {
    ...opts,
    entityRef: opts.owner.entityRef,
    names,
    arns: {
      pipeline: pipelineArn({ ...env, name: names.pipeline }),
      deploymentGroup: codeDeployDeploymentGroupArn({
        ...env,
        application: names.application,
        deploymentGroup: names.deploymentGroup,
      }),
    },
  };
}

/**
 * What `ecs:pipeline:create` would do: `missing` are what earlier steps
 * create (an error outside a dry run), `conflicts` refuse the run.
 *
 * @public
 */
export interface PipelinePlan {
  missing: string[];
  conflicts: string[];
  create: string[];
}

/** @public */
export function planPipeline(
  target: PipelineTarget,
  site: PipelineSite,
  keys: EcsDeployTagKeys,
): PipelinePlan {
  const { names, env, entityRef, registry } = target;
  const where = `${env.accountId}/${env.region}`;
  const missing: string[] = [];
  const conflicts: string[] = [];
  const create: string[] = [];
  const pipeline = standingOf(site.pipeline, target.owner, keys);
  if (pipeline === 'absent') create.push(`pipeline ${names.pipeline}`);
  if (pipeline === 'foreign') {
    conflicts.push(
      notOurs(
        'name',
        `pipeline '${names.pipeline}' (${where})`,
        entityRef,
        keys,
      ),
    );
  }
  // What the pipeline points at must be the service's own, and exist.
  const standing = (
    field: string,
    resource: string,
    found: { tags: Record<string, string> } | undefined,
  ) => {
    const s = standingOf(found, target.owner, keys);
    if (s === 'foreign')
      conflicts.push(notOurs(field, resource, entityRef, keys));
    if (s === 'absent') missing.push(resource);
    return s;
  };
  standing(
    'name',
    `ECR repository '${names.ecrRepository}' (${registry.accountId}/${registry.region})`,
    site.repository,
  );
  if (target.deploy === 'codedeploy') {
    const s = standing(
      'deploy',
      `deployment group '${names.application}/${names.deploymentGroup}' (${where})`,
      site.deploymentGroup,
    );
    const deploys = site.deploymentGroup?.value.ecsServices?.[0];
    if (
      s === 'ours' &&
      deploys &&
      (deploys.serviceName !== names.service ||
        deploys.clusterName !== env.cluster)
    ) {
      conflicts.push(
        `deploy: deployment group '${names.deploymentGroup}' deploys ${deploys.clusterName}/${deploys.serviceName}, not ${env.cluster}/${names.service}`,
      );
    }
  } else {
    const s = standing(
      'deploy',
      `ECS service '${names.service}' in cluster ${env.cluster} (${where})`,
      site.service,
    );
    const controller = site.service?.value.deploymentController?.type ?? 'ECS';
    if (s === 'ours' && controller !== 'ECS') {
      conflicts.push(
        `deploy: ECS service '${names.service}' uses the ${controller} controller; deploy 'ecs' needs the ECS controller`,
      );
    }
  }
  const repository = target.infraRepository.localDir
    ? repositoryStanding(site.infraRepositoryOwner, target.owner)
    : 'ours';
  if (repository === 'absent') {
    missing.push(
      `infrastructure repository ${target.infraRepository.localDir}`,
    );
  } else if (repository === 'foreign') {
    conflicts.push(
      `repositoryName: ${target.infraRepository.localDir} is not the infrastructure repository of ${entityRef} for a team you are in`,
    );
  }
  return { missing, conflicts, create };
}
