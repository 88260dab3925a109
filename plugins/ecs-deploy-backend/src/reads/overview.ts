import {
  ActionOffer,
  EnvironmentOverview,
  isActiveStatus,
  parseEcrImageUri,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { TaskDefinitionState } from '../aws/state';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { historyPageRequest, readHistory } from '../history/readHistory';
import { parseImage, taskDefinitionRef } from '../mapping/taskDefinition';
import { serviceSystemOf, systemsOf } from '../systems/registry';
import { ReadContext } from './ReadContext';

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
        const address = parseEcrImageUri(image.uri);
        const ecrImage = address && {
          accountId: address.accountId,
          region: address.region,
          repository: address.repository,
        };
        const found = ecrImage
          ? await ctx.aws.ecr
              .tagDigest(ecrImage, image.tag)
              .catch(() => undefined)
          : undefined;
        if (found?.digest) image.digest = found.digest;
      }
      return image;
    }),
  );
}

/**
 * Current state of one environment. Service, task definition, strategy, last
 * deployment and what the systems add (the pipeline's approval state) are
 * independent: read in parallel. The offers are the environment-level
 * actions of the systems that apply.
 */
export async function readOverview(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<EnvironmentOverview> {
  const { env, service, codeDeploy } = loaded;
  const location = { accountId: env.accountId, region: env.region };
  const serviceSystem = serviceSystemOf(loaded);
  const taskDefinitionRead = service?.taskDefinitionArn
    ? ctx.aws.ecs.taskDefinition(location, service.taskDefinitionArn)
    : Promise.resolve(undefined);
  // When the history does not record digests, ask ECR as soon as the image
  // is known, not after the history.
  const earlyImages = serviceSystem?.recordsImageDigests
    ? undefined
    : taskDefinitionRead.then(td => imagesOf(ctx, td, undefined));
  const [taskDefinition, strategy, history, parts] = await Promise.all([
    taskDefinitionRead,
    serviceSystem?.strategy(ctx, loaded),
    readHistory(
      ctx,
      [loaded],
      historyPageRequest({ environment: env.name, limit: 1 }),
    ),
    Promise.all(
      systemsOf(loaded).flatMap(s =>
        s.overview ? [s.overview(ctx, loaded)] : [],
      ),
    ),
  ]);
  // The newest entry: a release's last deployment, which started after the
  // execution holding it (else the execution, e.g. waiting for approval).
  const [newest] = history.items;
  const lastDeployment = newest?.deployments?.at(-1) ?? newest;
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
  const waiting =
    lastDeployment?.status === 'WAITING' || parts.some(p => p.waiting);
  const offers: ActionOffer[] = parts.flatMap(p => p.offers);

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
    ...(serviceSystem && strategy
      ? { system: serviceSystem.info(loaded, strategy) }
      : {}),
    ...(taskDefinitionRefValue
      ? { taskDefinition: taskDefinitionRefValue }
      : {}),
    images,
    ...(codeDeploy ? { codeDeploy } : {}),
    ...Object.assign({}, ...parts.map(p => p.fields ?? {})),
    ...(env.ecrRepository
      ? { ecrRepository: { name: env.ecrRepository.name } }
      : {}),
    ...(lastDeployment ? { lastDeployment } : {}),
    deploymentInProgress: !!moving,
    waitingForAction: waiting,
    offers,
  };
}
