import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ECRClient, ImageTagMutability } from '@aws-sdk/client-ecr';
import { RunningSandbox, sandboxClientConfig } from '@ecs-deploy/aws-sandbox';
import {
  createEcsService,
  createPipeline,
  createRepository as createFleetRepository,
  ownerTags as fleetOwnerTags,
  pushImage as pushFleetImage,
  registerTaskDefinition,
  sdkFleetCaller,
} from '@ecs-deploy/aws-sandbox/testing';
import {
  ecrRepositoryArn,
  ecrRepositoryUri,
  pipelineArn as buildPipelineArn,
} from '@ecs-deploy/plugin-ecs-deploy-common';
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

const scope = { accountId: ACCOUNT, region: REGION };

export const entityRefOf = (name: string) => `component:default/${name}`;
export const ownerTags = (name: string) => fleetOwnerTags(entityRefOf(name));
export const pipelineArn = (name: string) =>
  buildPipelineArn({ ...scope, name });
export const repositoryArn = (name: string) =>
  ecrRepositoryArn({ ...scope, name });
export const repositoryUri = (name: string) =>
  ecrRepositoryUri({ ...scope, name });

/** B's clients plus CodePipeline and ECR. */
export function actionClients(sb: RunningSandbox) {
  const config = sandboxClientConfig(sb, scope);
  const base = sandboxClients(sb);
  const codePipeline = new CodePipelineClient(config);
  const ecr = new ECRClient(config);
  return {
    ...base,
    codePipeline,
    ecr,
    fleet: sdkFleetCaller({
      ecs: base.ecs,
      elbv2: base.elb,
      codeDeploy: base.codeDeploy,
      codePipeline,
      ecr,
    }),
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
  await createFleetRepository(clients.fleet, {
    name,
    mutability: options.mutability,
    tags: options.tagged ? ownerTags(name) : [],
  });
}

/** Pushes an image of `commit` under each tag; returns its digest. */
export function pushImage(
  clients: ActionClients,
  repository: string,
  commit: string,
  tags: string[],
): Promise<string> {
  return pushFleetImage(clients.fleet, { repository, commitId: commit, tags });
}

/** A rolling ECS service (ECS controller) running `image`. */
export async function createRollingService(
  clients: ActionClients,
  cluster: string,
  name: string,
  image: string,
  options: { tagged: boolean },
) {
  const taskDefinition = await registerTaskDefinition(clients.fleet, {
    family: `${name}-${cluster}`,
    image,
  });
  const { serviceArn } = await createEcsService(clients.fleet, {
    cluster,
    serviceName: name,
    taskDefinition,
    controller: { type: 'ECS' },
    desiredCount: 1,
    tags: options.tagged ? ownerTags(name) : [],
  });
  return serviceArn;
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
  await createPipeline(
    clients.fleet,
    {
      name: pipeline,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/pipeline`,
      artifactBucket: 'artifacts',
      image: { repository, tag: imageTag },
      approval: {},
    },
    options.owner ? ownerTags(options.owner) : [],
  );
  return pipelineArn(pipeline);
}
