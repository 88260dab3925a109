import type { SeedContext } from '../core/types';
import {
  createPipeline as createFleetPipeline,
  type PipelineSpec,
} from '../testing/pipeline';
import type { FleetService } from './catalog';
import { callerAt, type Placement } from './infrastructure';
import {
  clusterName,
  codeDeployNames,
  entityTags,
  infraRepository,
  pipelineName,
} from './names';
import { INFRA_BRANCH, infraPath } from './infraRepository';

/**
 * A demo service's pipeline in one environment: an ECR source on the env tag and the
 * infrastructure repository, an approval where the catalog says, and the
 * deploy action reading its files from the repository.
 *
 * @public
 */
export function pipelineSpec(
  service: FleetService,
  at: Placement,
): PipelineSpec {
  return {
    name: pipelineName(service.name, at.env),
    roleArn: `arn:aws:iam::${at.accountId}:role/codepipeline-${service.name}`,
    artifactBucket: `codepipeline-${at.region}-${at.accountId}`,
    image: { repository: service.name, tag: at.env },
    infra: { repository: infraRepository(service.name), branch: INFRA_BRANCH },
    ...(service.approvalEnvs.includes(at.env)
      ? { approval: { customData: `Promote ${service.name} to ${at.env}` } }
      : {}),
    deploy:
      service.controller.kind === 'CODE_DEPLOY'
        ? {
            codeDeploy: {
              ...codeDeployNames(service.name, at.env),
              taskDefinitionPath: infraPath(at.env, 'taskdef.json'),
              appSpecPath: infraPath(at.env, 'appspec.yaml'),
            },
          }
        : {
            ecs: {
              cluster: clusterName(at.env),
              serviceName: service.name,
              imageDefinitionsPath: infraPath(at.env, 'imagedefinitions.json'),
            },
          },
  };
}

/** @public */
export function createPipeline(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
): Promise<string> {
  return createFleetPipeline(
    callerAt(ctx, at),
    pipelineSpec(service, at),
    entityTags(service, at.env),
  );
}
