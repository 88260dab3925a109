import { eventsRuleArn } from '../../core/arns';
import type { PinnedRevision, PipelineRecord } from './model';

/** An ECR push as the world announces it. */
export interface ImagePush {
  repositoryArn: string;
  repositoryName: string;
  imageTag: string;
  imageDigest: string;
}

/**
 * The ECR source actions of a pipeline that watch the pushed repository name
 * and tag (`ImageTag`, default `latest`), each pinned to the pushed image;
 * empty when none does. Matching is by name, so a pipeline in one account
 * can watch another account's repository.
 */
export function revisionsPinnedByPush(
  pipeline: PipelineRecord,
  push: ImagePush,
): Record<string, PinnedRevision> {
  const pinned: Record<string, PinnedRevision> = {};
  for (const stage of pipeline.declaration.stages) {
    for (const action of stage.actions) {
      const config = action.configuration ?? {};
      if (
        action.actionTypeId.category === 'Source' &&
        action.actionTypeId.provider === 'ECR' &&
        config.RepositoryName === push.repositoryName &&
        (config.ImageTag ?? 'latest') === push.imageTag
      ) {
        pinned[action.name] = {
          imageDigest: push.imageDigest,
          imageTag: push.imageTag,
          repositoryArn: push.repositoryArn,
        };
      }
    }
  }
  return pinned;
}

/** The execution's trigger: the EventBridge rule AWS creates for a pipeline's ECR source. */
export function ecrPushTrigger(
  pipeline: PipelineRecord,
  repositoryName: string,
) {
  return {
    triggerType: 'CloudWatchEvent',
    triggerDetail: eventsRuleArn(
      pipeline,
      `codepipeline-${pipeline.name}-ecr-${repositoryName}`,
    ).slice(0, 200),
  };
}
