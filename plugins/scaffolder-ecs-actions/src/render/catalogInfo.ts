import yaml from 'yaml';
import {
  ECS_DEPLOY_ANNOTATIONS,
  ecrRepositoryArn,
  ecsServiceArn,
  pipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import type { InfraRepositorySpec } from './types';

/**
 * The component's `catalog-info.yaml` with the suite's annotations: one
 * service, pipeline and (for CODE_DEPLOY) deployment group per environment,
 * the promotion order and the ECR repository. One scheme only: an entity that
 * also carried the awslabs plugins' single-service annotations would read as
 * one more environment to anything that takes both.
 *
 * @public
 */
export function buildCatalogInfo(spec: InfraRepositorySpec) {
  const a = ECS_DEPLOY_ANNOTATIONS;
  const annotations: Record<string, string> = {
    [a.environments]: spec.environments.map(e => e.name).join(','),
    [a.ecrRepositoryArn]: ecrRepositoryArn({
      ...spec.ecr,
      name: spec.ecr.repositoryName,
    }),
  };
  for (const env of spec.environments) {
    annotations[`${a.serviceArnPrefix}${env.name}`] = ecsServiceArn({
      ...env,
      serviceName: spec.name,
    });
    annotations[`${a.pipelineArnPrefix}${env.name}`] = pipelineArn({
      ...env,
      name: env.pipelineName,
    });
    if (env.deployment === 'codedeploy' && env.codeDeploy) {
      annotations[
        `${a.codeDeployPrefix}${env.name}`
      ] = `${env.codeDeploy.application}/${env.codeDeploy.deploymentGroup}`;
    }
  }
  if (spec.sourceLocation) {
    annotations['backstage.io/source-location'] = `url:${spec.sourceLocation}`;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: spec.name,
      ...(spec.namespace && spec.namespace !== 'default'
        ? { namespace: spec.namespace }
        : {}),
      ...(spec.description ? { description: spec.description } : {}),
      annotations,
      tags: ['ecs', 'fargate'],
    },
    spec: {
      type: 'service',
      lifecycle: spec.lifecycle ?? 'experimental',
      owner: spec.owner,
      ...(spec.system ? { system: spec.system } : {}),
    },
  };
}

/** {@link buildCatalogInfo} as YAML. @public */
export function renderCatalogInfo(spec: InfraRepositorySpec): string {
  return yaml.stringify(buildCatalogInfo(spec));
}
