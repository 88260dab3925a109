import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EcsDeployActionRequest,
  EcsServiceRef,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  ActionAttempt,
  ActionContext,
  ActionOutcome,
  ActionTarget,
  PreparedAction,
} from '../../actions/types';
import { TaskSetState } from '../../aws/state';
import { Where } from '../../aws/withCache';
import { runningTaskDefinition } from '../../mapping/runningTaskDefinition';
import { shortDigest } from '../../promotion/repositories';
import { factsOf, releaseRefusal } from './preconditions';
import {
  ReleaseImage,
  containerImage,
  imageName,
  pinImage,
} from './releaseImage';
import {
  ReleaseState,
  assertReleaseOwned,
  readReleaseState,
  releaseId,
  weights,
} from './releaseState';
import { releaseRevisionInput } from './releaseTaskDefinition';

type StartRequest = Extract<
  EcsDeployActionRequest,
  { action: 'start-release' }
>;

const POLL_MS = 1_000;

/** The externalId of the task set one ledger entry starts, to find it again. */
export const releaseExternalId = (requestToken: string) =>
  `ecs-deploy:${requestToken}`;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The image the request names, pinned by digest. */
async function requestedImage(
  ctx: ActionContext,
  target: ActionTarget,
  request: StartRequest,
  container: string,
  running: string | undefined,
): Promise<ReleaseImage> {
  if (target.source) {
    const loaded = await ctx.environments.withServiceNow(target.source);
    const arn = runningTaskDefinition(loaded.service);
    const image = arn && (await containerImage(ctx, loaded, arn, container));
    if (!image) {
      throw new NotFoundError(
        `from: environment '${loaded.env.name}' runs no task definition to take the image of`,
      );
    }
    return pinImage(ctx, image, 'from');
  }
  if (!running) {
    throw new NotFoundError(
      `imageTag: environment '${target.loaded.env.name}' runs no image to find the repository of`,
    );
  }
  return pinImage(ctx, running, 'imageTag', request.imageTag);
}

/** Polls the task set until it is steady, or the wait is over. */
async function waitUntilSteady(
  ctx: ActionContext,
  svc: EcsServiceRef,
  taskSetId: string,
): Promise<TaskSetState | undefined> {
  const deadline = Date.now() + ctx.releaseSteadyMs;
  for (;;) {
    const taskSet = (await ctx.aws.ecs.serviceNow(svc)).taskSets.find(
      t => t.id === taskSetId,
    );
    if (!taskSet) return undefined;
    if (
      taskSet.stabilityStatus === 'STEADY_STATE' &&
      taskSet.runningCount >= taskSet.desiredCount &&
      taskSet.desiredCount > 0
    ) {
      return taskSet;
    }
    if (Date.now() >= deadline) return taskSet;
    await sleep(POLL_MS);
  }
}

/**
 * Start a release of an EXTERNAL service (field note 003, steps 1–3): a task
 * definition revision with the new image, a task set on the free target
 * group at full scale, steady, then the test listener routed to it. A task
 * set that does not become steady in time is deleted with its revision, and
 * the start fails: nothing is left half-done. A retry of the same request
 * finds the task set it created (its externalId) and goes on from there.
 */
export function startRelease(
  ctx: ActionContext,
  target: ActionTarget,
  svc: EcsServiceRef,
  request: StartRequest,
): PreparedAction {
  const env = target.loaded.env.name;
  const where: Where = { accountId: svc.accountId, region: svc.region };
  const outcome = (
    taskSet: TaskSetState,
    image?: ReleaseImage,
  ): ActionOutcome => ({
    message: `Release ${
      image ? imageName(image) : releaseId(taskSet)
    } started in ${env}: task set ${releaseId(taskSet)} runs ${
      taskSet.runningCount
    } tasks and takes the test listener's traffic`,
    awsResource: taskSet.arn ?? svc.arn,
    deploymentId: releaseId(taskSet),
  });
  const routeTest = (state: ReleaseState, attempt: ActionAttempt) =>
    state.test
      ? attempt.mutate(() =>
          ctx.aws.elbv2.forwardByWeight(
            where,
            state.test!.arn,
            weights(state, 100),
            {
              operation: `routing the test listener :${
                state.test!.port
              } to the release`,
            },
          ),
        )
      : Promise.resolve();

  return {
    ownedResource: svc.arn,
    async perform(attempt) {
      const state = await readReleaseState(ctx, svc);
      const externalId = releaseExternalId(attempt.requestToken);
      const ours =
        state.incoming?.externalId === externalId ? state.incoming : undefined;
      if (!ours) {
        const refusal = releaseRefusal('start-release', factsOf(env, state));
        if (refusal) {
          throw withErrorCode(new ConflictError(refusal), 'StaleRelease');
        }
      }
      const container = state.primary.container;
      if (!container) {
        throw new ConflictError(
          `The primary task set of ${env} names no container behind its target group`,
        );
      }
      const primaryRevision = state.primary.taskDefinitionArn!;
      const running = await containerImage(
        ctx,
        target.loaded,
        primaryRevision,
        container.name,
      );
      const image = await requestedImage(
        ctx,
        target,
        request,
        container.name,
        running,
      );
      if (request.imageDigest && request.imageDigest !== image.digest) {
        throw withErrorCode(
          new ConflictError(
            `The image asked for is ${shortDigest(
              image.digest,
            )} now, not ${shortDigest(request.imageDigest)}; look again`,
          ),
          'StaleRelease',
        );
      }
      if (!ours && running?.endsWith(`@${image.digest}`)) {
        throw withErrorCode(
          new ConflictError(`${env} already runs ${imageName(image)}`),
          'StaleRelease',
        );
      }
      await assertReleaseOwned(ctx, target.entityRef, state);

      let taskSet = ours;
      let revision = ours?.taskDefinitionArn;
      if (!taskSet) {
        const current = await ctx.aws.ecs.taskDefinitionNow(
          where,
          primaryRevision,
        );
        const registered = await attempt.mutate(() =>
          ctx.aws.ecs.registerTaskDefinition(
            where,
            releaseRevisionInput(
              current.taskDefinition,
              current.tags,
              container.name,
              image.uri,
            ),
            {
              operation: `registering a revision of ${
                current.taskDefinition.family
              } with ${imageName(image)}`,
            },
          ),
        );
        revision = registered.taskDefinitionArn!;
        const created = await attempt.mutate(() =>
          ctx.aws.ecs.createTaskSet(
            svc,
            {
              taskDefinition: revision,
              externalId,
              clientToken: attempt.requestToken.slice(0, 36),
              scale: { unit: 'PERCENT', value: 100 },
              loadBalancers: [
                {
                  targetGroupArn: state.freeGroup!,
                  containerName: container.name,
                  containerPort: container.port,
                },
              ],
              ...(state.primary.networkConfiguration
                ? { networkConfiguration: state.primary.networkConfiguration }
                : {}),
              ...(state.primary.launchType
                ? { launchType: state.primary.launchType as 'FARGATE' }
                : {}),
              ...(state.primary.platformVersion
                ? { platformVersion: state.primary.platformVersion }
                : {}),
              tags: [{ key: ctx.tags.entityKey, value: target.entityRef }],
            },
            {
              operation: `creating the release's task set on ${state.freeGroup}`,
            },
          ),
        );
        taskSet = { id: created.id!, arn: created.taskSetArn } as TaskSetState;
      }

      const steady = await waitUntilSteady(ctx, svc, taskSet.id);
      if (!steady || steady.stabilityStatus !== 'STEADY_STATE') {
        // Put back what this start created, so that nothing half-done stays.
        await ctx.aws.ecs.deleteTaskSet(svc, taskSet.arn!, {
          operation: `deleting the release's task set ${releaseId(
            taskSet,
          )}, which did not become steady`,
        });
        if (revision && revision !== primaryRevision) {
          await ctx.aws.ecs.deregisterTaskDefinition(where, revision, {
            operation: `deregistering ${revision}`,
          });
        }
        attempt.undone();
        const seconds = Math.round(ctx.releaseSteadyMs / 1000);
        throw withErrorCode(
          new ConflictError(
            `Task set ${releaseId(
              taskSet,
            )} did not become steady within ${seconds} s (${
              steady?.runningCount ?? 0
            } of ${
              steady?.desiredCount ?? '?'
            } tasks running); it was deleted and nothing else changed. Look at its stopped tasks for why`,
          ),
          'TaskSetNotSteady',
        );
      }
      await routeTest(
        { ...state, freeGroup: steady.targetGroupArns[0] ?? state.freeGroup },
        attempt,
      );
      return outcome(steady, image);
    },
    // Started: the task set of this entry exists and takes the test traffic.
    async reconcile(attempt) {
      const state = await readReleaseState(ctx, svc);
      const ours = state.incoming;
      if (ours?.externalId !== releaseExternalId(attempt.requestToken)) {
        return undefined;
      }
      const tested =
        !state.test ||
        state.test.forwards.some(
          f => f.targetGroupArn === ours.targetGroupArns[0] && f.weight > 0,
        );
      return tested ? outcome(ours) : undefined;
    },
  };
}
