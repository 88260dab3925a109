import {
  EnvironmentOverview,
  isActiveStatus,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { describeTaskDefinition } from '../aws/ecsReads';
import { digestOfTag, parseEcrImageUri } from '../aws/ecrReads';
import { ReadContext } from '../aws/ReadContext';
import { LoadedEnvironment } from '../EnvironmentContext';
import { parseImage, taskDefinitionRef } from '../mapping/taskDefinition';
import { pipelinePage } from '../history/sources';
import { readHistory } from './history';
import { strategyOf } from './strategy';

type TaskDefinitionState = Awaited<ReturnType<typeof describeTaskDefinition>>;

/**
 * The images of the task definition, with digests: from the last deployment
 * when it recorded one (ECS service revisions do), else asked of ECR. A
 * missing image or a registry we cannot read leaves the digest unknown.
 */
async function imagesOf(
  ctx: ReadContext,
  taskDefinition: TaskDefinitionState | undefined,
  knownDigest: string | undefined,
) {
  return Promise.all(
    (taskDefinition?.containers ?? []).map(async (c, i) => {
      const image = parseImage(
        c.name,
        c.image,
        i === 0 ? knownDigest : undefined,
      );
      if (!image.digest && image.tag) {
        const ecrImage = parseEcrImageUri(image.uri);
        const digest = ecrImage
          ? await digestOfTag(ctx, ecrImage, image.tag).catch(() => undefined)
          : undefined;
        if (digest) image.digest = digest;
      }
      return image;
    }),
  );
}

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
  const taskDefinitionRead = service?.taskDefinitionArn
    ? describeTaskDefinition(ctx, location, service.taskDefinitionArn)
    : Promise.resolve(undefined);
  // Only ECS service revisions record the digest; for the other controllers
  // ask ECR as soon as the image is known, not after the history.
  const earlyImages =
    service?.controller === 'ECS'
      ? undefined
      : taskDefinitionRead.then(td => imagesOf(ctx, td, undefined));
  const [taskDefinition, { strategy }, history, pipelineExecutions] =
    await Promise.all([
      taskDefinitionRead,
      strategyOf(ctx, loaded),
      readHistory(ctx, [loaded], { environment: env.name, limit: 1 }),
      // The newest executions, marked WAITING at an approval: the same
      // cached page the history reads, so no GetPipelineState when idle.
      env.pipeline ? pipelinePage(ctx, env, undefined) : undefined,
    ]);
  const lastDeployment = history.items[0];
  const taskDefinitionRefValue = taskDefinitionRef(service?.taskDefinitionArn);
  // The image digest is known from the last deployment when it deployed the
  // task definition that runs now.
  const knownDigest =
    lastDeployment?.taskDefinitionTo?.arn === service?.taskDefinitionArn
      ? lastDeployment?.trigger.imageDigest
      : undefined;
  const images = earlyImages
    ? (await earlyImages).map((image, i) =>
        i === 0 && knownDigest ? { ...image, digest: knownDigest } : image,
      )
    : await imagesOf(ctx, taskDefinition, knownDigest);
  const moving =
    (lastDeployment && isActiveStatus(lastDeployment.status)) ||
    (service?.deployments.length ?? 0) > 1 ||
    (service?.taskSets.length ?? 0) > 1;
  // The execution an approval would decide, named so that the approver
  // decides the one they saw.
  const waitingExecution = pipelineExecutions?.items.find(
    e => e.status === 'WAITING',
  );
  const waitingExecutionId =
    waitingExecution && parseDeploymentId(waitingExecution.id)?.awsId;
  const waiting = lastDeployment?.status === 'WAITING' || !!waitingExecution;

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
    // Only what AWS reported: an environment without a service has neither.
    ...(service ? { controller: service.controller } : {}),
    ...(strategy ? { strategy } : {}),
    ...(taskDefinitionRefValue
      ? { taskDefinition: taskDefinitionRefValue }
      : {}),
    images,
    ...(codeDeploy ? { codeDeploy } : {}),
    ...(env.pipeline
      ? {
          pipeline: {
            name: env.pipeline.name,
            ...(waitingExecutionId ? { waitingExecutionId } : {}),
          },
        }
      : {}),
    ...(env.ecrRepository
      ? { ecrRepository: { name: env.ecrRepository.name } }
      : {}),
    ...(lastDeployment ? { lastDeployment } : {}),
    deploymentInProgress: !!moving,
    waitingForAction: waiting,
  };
}
