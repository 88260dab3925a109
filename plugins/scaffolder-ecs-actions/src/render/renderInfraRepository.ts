import { ecrRepositoryUri } from '@ecs-deploy/plugin-ecs-deploy-common';
import { renderAppSpec } from './appSpec';
import { renderBuildSpec } from './buildSpec';
import { renderCatalogInfo } from './catalogInfo';
import { renderCdkReadmeSection } from './cdk/cdkReadme';
import { renderCdkApp } from './cdk/renderCdkApp';
import type { CdkServiceSettings } from './cdk/types';
import { renderImageDefinitions } from './imageDefinitions';
import { buildTaskDefinition, IMAGE_PLACEHOLDER } from './taskDefinition';
import type { InfraRepositorySpec } from './types';

/** Where an environment's deployment files live inside the repository. @public */
export function environmentDir(environment: string): string {
  return `environments/${environment}`;
}

/**
 * The infrastructure repository of a service (kept apart from the code, field
 * note 000) as file path to content: per environment `taskdef.json`,
 * `appspec.yaml` and `imagedefinitions.json`, plus `buildspec.yml`,
 * `catalog-info.yaml` and a README; with `cdk`, also the CDK app that
 * declares the service's resources (`cdk/`). Pure, so what gets published is
 * exactly what the tests check.
 *
 * @public
 */
export function renderInfraRepository(
  spec: InfraRepositorySpec,
  options: { cdk?: CdkServiceSettings } = {},
): Record<string, string> {
  const repositoryUri = ecrRepositoryUri({
    ...spec.ecr,
    name: spec.ecr.repositoryName,
  });
  const files: Record<string, string> = {
    'catalog-info.yaml': renderCatalogInfo(spec),
    'buildspec.yml': renderBuildSpec({
      containerName: spec.name,
      repositoryUri,
      ecrRegion: spec.ecr.region,
      environmentTag: spec.environments[0]?.name ?? 'dev',
    }),
    'README.md': [
      renderReadme(spec, repositoryUri),
      ...(options.cdk ? [renderCdkReadmeSection(options.cdk)] : []),
    ].join('\n'),
    ...(options.cdk ? renderCdkApp(options.cdk) : {}),
  };
  for (const env of spec.environments) {
    const dir = environmentDir(env.name);
    const taskDefinition = buildTaskDefinition({
      name: spec.name,
      environment: env.name,
      region: env.region,
      image: IMAGE_PLACEHOLDER,
      containerPort: spec.containerPort,
      cpu: spec.cpu,
      memory: spec.memory,
      executionRoleArn: env.executionRoleArn,
      taskRoleArn: env.taskRoleArn,
    });
    files[`${dir}/taskdef.json`] = `${JSON.stringify(
      taskDefinition,
      null,
      2,
    )}\n`;
    files[`${dir}/appspec.yaml`] = renderAppSpec({
      containerName: spec.name,
      containerPort: spec.containerPort,
    });
    files[`${dir}/imagedefinitions.json`] = renderImageDefinitions({
      containerName: spec.name,
      repositoryUri,
      environment: env.name,
    });
  }
  return files;
}

function renderReadme(
  spec: InfraRepositorySpec,
  repositoryUri: string,
): string {
  const rows = spec.environments.map(
    e =>
      `| ${e.name} | ${e.accountId} | ${e.region} | ${e.cluster} | ${
        e.pipelineName
      } | ${e.deployment === 'codedeploy' ? 'CodeDeploy blue/green' : 'ECS'} |`,
  );
  return [
    `# ${spec.name} infrastructure`,
    '',
    'Deployment files for the ECS service, kept apart from its code. Changes here',
    "are picked up by each environment's pipeline on its next run.",
    '',
    '| environment | account | region | cluster | pipeline | deployment |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Images: \`${repositoryUri}\`. Each pipeline deploys the image tagged with its`,
    'environment name. Promote a build by retagging its commit-id image, e.g.',
    '',
    '```sh',
    `MANIFEST=$(aws ecr batch-get-image --repository-name ${spec.ecr.repositoryName} --image-ids imageTag=<commit> --query 'images[0].imageManifest' --output text)`,
    `aws ecr put-image --repository-name ${spec.ecr.repositoryName} --image-tag staging --image-manifest "$MANIFEST"`,
    '```',
    '',
  ].join('\n');
}
