import {
  EnvironmentOverview,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { describeTaskDefinition } from '../aws/ecsReads';
import { digestOfTag, parseEcrImageUri } from '../aws/ecrReads';
import { getPipelineWaitState } from '../aws/pipelineReads';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { parseImage, taskDefinitionRef } from '../mapping/taskDefinition';
import { readHistory } from './history';
import { strategyOf } from './strategy';

/**
 * Current state of one environment. Service, task definition, strategy, last
 * deployment and approval state are independent: read in parallel.
 */
export async function readOverview(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<EnvironmentOverview> {
  const { env, service, codeDeploy } = loaded;
  const location = { accountId: env.accountId, region: env.region };
  const [taskDefinition, { strategy }, history, pipelineState] =
    await Promise.all([
      service?.taskDefinitionArn
        ? describeTaskDefinition(ctx, location, service.taskDefinitionArn)
        : undefined,
      strategyOf(ctx, loaded),
      readHistory(ctx, [loaded], { environment: env.name, limit: 1 }),
      env.pipeline ? getPipelineWaitState(ctx, env.pipeline) : undefined,
    ]);
  const lastDeployment = history.items[0];
  const taskDefinitionRefValue = taskDefinitionRef(service?.taskDefinitionArn);
  // The image digest is known from the last deployment when it deployed the
  // task definition that runs now (ECS service revisions record it).
  const knownDigest =
    lastDeployment?.taskDefinitionTo?.arn === service?.taskDefinitionArn
      ? lastDeployment?.trigger.imageDigest
      : undefined;
  const images = await Promise.all(
    (taskDefinition?.containers ?? []).map(async (c, i) => {
      const image = parseImage(
        c.name,
        c.image,
        i === 0 ? knownDigest : undefined,
      );
      if (!image.digest && image.tag) {
        // Not recorded by the deployment (CodeDeploy, EXTERNAL): ask ECR.
        // A missing image or a registry we cannot read leaves it unknown.
        const ecrImage = parseEcrImageUri(image.uri);
        const digest = ecrImage
          ? await digestOfTag(ctx, ecrImage, image.tag).catch(() => undefined)
          : undefined;
        if (digest) image.digest = digest;
      }
      return image;
    }),
  );
  const moving =
    (lastDeployment && isActiveStatus(lastDeployment.status)) ||
    (service?.deployments.length ?? 0) > 1 ||
    (service?.taskSets.length ?? 0) > 1;
  const waiting =
    lastDeployment?.status === 'WAITING' ||
    (pipelineState?.waitingExecutionIds.length ?? 0) > 0;

  return {
    name: env.name,
    accountId: env.accountId,
    region: env.region,
    service: {
      name: service?.name ?? env.service?.serviceName ?? '',
      cluster: service?.cluster ?? env.service?.cluster ?? '',
      arn: service?.arn ?? env.service?.arn ?? '',
      status: service?.status ?? 'UNKNOWN',
      runningCount: service?.runningCount ?? 0,
      desiredCount: service?.desiredCount ?? 0,
      pendingCount: service?.pendingCount ?? 0,
    },
    controller: service?.controller ?? 'ECS',
    strategy,
    ...(taskDefinitionRefValue
      ? { taskDefinition: taskDefinitionRefValue }
      : {}),
    images,
    ...(codeDeploy ? { codeDeploy } : {}),
    ...(env.pipeline ? { pipeline: { name: env.pipeline.name } } : {}),
    ...(env.ecrRepository
      ? { ecrRepository: { name: env.ecrRepository.name } }
      : {}),
    ...(lastDeployment ? { lastDeployment } : {}),
    deploymentInProgress: !!moving,
    waitingForAction: waiting,
  };
}
