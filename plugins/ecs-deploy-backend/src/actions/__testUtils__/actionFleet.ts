import {
  CodePipelineClient,
  CreatePipelineCommand,
  StageDeclaration,
} from '@aws-sdk/client-codepipeline';
import {
  CreateRepositoryCommand,
  ECRClient,
  ImageTagMutability,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { RunningSandbox, sandboxClientConfig } from '@ecs-deploy/aws-sandbox';
import {
  ACCOUNT,
  REGION,
  createCodeDeployService,
  sandboxClients,
} from '../../__testUtils__/sandboxFleet';

/*
 * Resources the action tests act on, created with the SDK against a sandbox
 * the test starts, tagged (or deliberately not) with the entity that owns them.
 */

export const entityRefOf = (name: string) => `component:default/${name}`;
export const ownerTags = (name: string) => [
  { Key: 'backstage.io/entity', Value: entityRefOf(name) },
];
export const pipelineArn = (name: string) =>
  `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${name}`;
export const repositoryArn = (name: string) =>
  `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${name}`;
export const repositoryUri = (name: string) =>
  `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}`;

/** B's clients plus CodePipeline and ECR. */
export function actionClients(sb: RunningSandbox) {
  const config = sandboxClientConfig(sb, {
    accountId: ACCOUNT,
    region: REGION,
  });
  const base = sandboxClients(sb);
  const codePipeline = new CodePipelineClient(config);
  const ecr = new ECRClient(config);
  return {
    ...base,
    codePipeline,
    ecr,
    destroy() {
      base.destroy();
      codePipeline.destroy();
      ecr.destroy();
    },
  };
}
export type ActionClients = ReturnType<typeof actionClients>;

/**
 * A CODE_DEPLOY service whose canary deployments wait at Ready for a person
 * (STOP_DEPLOYMENT), then keep blue for 30 minutes after the shift.
 */
export function createWaitingCodeDeployService(
  sb: RunningSandbox,
  clients: ActionClients,
  name: string,
  cluster: string,
  options: { tagged: boolean },
) {
  return createCodeDeployService(sb, clients, name, cluster, {
    readyWaitMinutes: 120,
    tags: options.tagged ? ownerTags(name) : [],
  });
}

export async function createRepository(
  clients: ActionClients,
  name: string,
  options: { tagged: boolean; mutability?: ImageTagMutability },
) {
  await clients.ecr.send(
    new CreateRepositoryCommand({
      repositoryName: name,
      imageTagMutability: options.mutability ?? 'MUTABLE',
      tags: options.tagged ? ownerTags(name) : [],
    }),
  );
}

/** Pushes an image of `commit` under each tag; returns its digest. */
export async function pushImage(
  clients: ActionClients,
  repository: string,
  commit: string,
  tags: string[],
): Promise<string> {
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { digest: `sha256:${commit.padEnd(64, '0')}` },
    layers: [],
  });
  let digest = '';
  for (const imageTag of tags) {
    const out = await clients.ecr.send(
      new PutImageCommand({
        repositoryName: repository,
        imageManifest: manifest,
        imageManifestMediaType:
          'application/vnd.docker.distribution.manifest.v2+json',
        imageTag,
      }),
    );
    digest = out.image!.imageId!.imageDigest!;
  }
  return digest;
}

/** A rolling ECS service (ECS controller) running `image`. */
export async function createRollingService(
  clients: ActionClients,
  cluster: string,
  name: string,
  image: string,
  options: { tagged: boolean },
) {
  const { taskDefinition } = await clients.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: `${name}-${cluster}`,
      containerDefinitions: [{ name: 'app', image }],
    }),
  );
  const { service } = await clients.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: name,
      taskDefinition: taskDefinition!.taskDefinitionArn,
      desiredCount: 1,
      tags: options.tagged
        ? ownerTags(name).map(t => ({ key: t.Key, value: t.Value }))
        : [],
    }),
  );
  return service!.serviceArn!;
}

/**
 * A pipeline watching `repository:imageTag` with a manual approval after the
 * source, as the demo fleet's production pipelines have.
 */
export async function createApprovalPipeline(
  clients: ActionClients,
  pipeline: string,
  repository: string,
  imageTag: string,
  options: { owner?: string },
) {
  const stages: StageDeclaration[] = [
    {
      name: 'Source',
      actions: [
        {
          name: 'Image',
          actionTypeId: {
            category: 'Source',
            owner: 'AWS',
            provider: 'ECR',
            version: '1',
          },
          configuration: { RepositoryName: repository, ImageTag: imageTag },
          outputArtifacts: [{ name: 'ImageArtifact' }],
        },
      ],
    },
    {
      name: 'Approve',
      actions: [
        {
          name: 'ManualApproval',
          actionTypeId: {
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
          },
        },
      ],
    },
  ];
  await clients.codePipeline.send(
    new CreatePipelineCommand({
      pipeline: {
        name: pipeline,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/pipeline`,
        artifactStore: { type: 'S3', location: 'artifacts' },
        pipelineType: 'V2',
        executionMode: 'QUEUED',
        stages,
      },
      tags: options.owner
        ? ownerTags(options.owner).map(t => ({ key: t.Key, value: t.Value }))
        : undefined,
    }),
  );
  return pipelineArn(pipeline);
}
