import { useCallback, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionResponse,
  EnvironmentOverview,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ApprovalControls } from './ApprovalControls';
import { EcsActionButton } from './EcsActionButton';
import { useRunAction } from '../../hooks/useRunAction';
import { PromotionPreviewPanel } from './PromotionPreviewPanel';
import { unreadableMessage } from '../../utils/errors';

/** Props of {@link EnvironmentControls}. */
export type EnvironmentControlsProps = {
  environment: EnvironmentOverview;
  /** The next environment in promotion order, if any. */
  next?: EnvironmentOverview;
  onChanged?: () => void;
};

const describeOutcome = (r: EcsDeployActionResponse) => r.message;

/** Why promoting `from` to `next` cannot start now, if it cannot. */
function promoteDisabledReason(
  from: EnvironmentOverview,
  next: EnvironmentOverview,
): string | undefined {
  if (next.error) {
    return unreadableMessage(next.name, next.error);
  }
  if (from.images.length === 0) {
    return `Nothing runs in ${from.name} to promote.`;
  }
  return undefined;
}

/**
 * Environment-level actions: promote the running image to the next
 * environment (after a preview of what changes), approve or reject the
 * pipeline's manual approval, start the pipeline. An approval belongs to the
 * pipeline, not to one deployment, so it lives here.
 */
export const EnvironmentControls = ({
  environment,
  next,
  onChanged,
}: EnvironmentControlsProps) => {
  const runAction = useRunAction();
  const [preview, setPreview] = useState<PromotionPreview>();
  const onPreview = useCallback(
    (p: PromotionPreview | undefined) => setPreview(p),
    [],
  );
  const pipelineRunning =
    environment.lastDeployment?.kind === 'pipeline' &&
    ['PENDING', 'IN_PROGRESS', 'WAITING'].includes(
      environment.lastDeployment.status,
    );

  const promote = useCallback(
    (key: string, comment: string | undefined) => {
      if (!next || !preview) {
        return Promise.reject(
          new Error('The promotion preview has not loaded yet.'),
        );
      }
      if (preview.blockedReason) {
        return Promise.reject(new Error(preview.blockedReason));
      }
      return runAction({
        action: 'promote',
        environment: next.name,
        from: environment.name,
        imageDigest: preview.image.digest,
      })(key, comment);
    },
    [next, preview, runAction, environment.name],
  );

  return (
    <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
      {next && (
        <EcsActionButton
          label={`Promote to ${next.name}`}
          permission={ECS_DEPLOY_ACTION_PERMISSIONS.promote}
          disabledReason={promoteDisabledReason(environment, next)}
          confirmTitle={`Promote ${environment.name} to ${next.name}?`}
          confirmLabel="Promote"
          ready={Boolean(preview && !preview.blockedReason)}
          run={promote}
          describeResult={describeOutcome}
          onSucceeded={onChanged}
        >
          <PromotionPreviewPanel
            from={environment.name}
            to={next.name}
            onPreview={onPreview}
          />
        </EcsActionButton>
      )}
      {environment.pipeline && (
        <ApprovalControls
          environment={environment.name}
          pipelineName={environment.pipeline.name}
          pipelineExecutionId={environment.pipeline.waitingExecutionId}
          onChanged={onChanged}
        />
      )}
      {environment.pipeline && (
        <EcsActionButton
          label="Start pipeline"
          permission={ECS_DEPLOY_ACTION_PERMISSIONS['start-pipeline']}
          disabledReason={
            pipelineRunning
              ? `${environment.pipeline.name} is already running.`
              : undefined
          }
          confirmTitle={`Start ${environment.pipeline.name}?`}
          confirmLabel="Start"
          run={runAction({
            action: 'start-pipeline',
            environment: environment.name,
          })}
          describeResult={describeOutcome}
          onSucceeded={onChanged}
        >
          <Typography variant="body2">
            A new execution builds and deploys the latest source revision.
          </Typography>
        </EcsActionButton>
      )}
    </Box>
  );
};
