import Typography from '@material-ui/core/Typography';
import {
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { useRunAction } from '../../hooks/useRunAction';
import { EcsActionButton } from './EcsActionButton';

const describeOutcome = (r: EcsDeployActionResponse) => r.message;

/**
 * Approve (comment optional) and reject (comment required, so the author
 * learns why) a pipeline's pending manual approval: the approval of the
 * execution the user sees, so that the backend refuses if another one waits
 * by the time they decide.
 */
export const ApprovalControls = ({
  environment,
  pipelineName,
  pipelineExecutionId,
  disabledReason,
  onChanged,
}: {
  environment: string;
  pipelineName: string;
  /** The execution whose approval waits; none: nothing to decide. */
  pipelineExecutionId: string | undefined;
  disabledReason?: string;
  onChanged?: () => void;
}) => {
  const runAction = useRunAction();
  const reason =
    disabledReason ??
    (pipelineExecutionId
      ? undefined
      : `No manual approval is waiting in ${environment}.`);
  const decide = (decision: 'Approved' | 'Rejected') =>
    runAction({
      action: 'approve',
      environment,
      pipelineExecutionId: pipelineExecutionId ?? '',
      decision,
    });
  return (
    <>
      <EcsActionButton
        label="Approve"
        permission={ECS_DEPLOY_ACTION_PERMISSIONS.approve}
        disabledReason={reason}
        confirmTitle={`Approve ${pipelineName}?`}
        comment="optional"
        run={decide('Approved')}
        describeResult={describeOutcome}
        onSucceeded={onChanged}
      >
        <Typography variant="body2">
          The pipeline continues past its manual approval. Your name and comment
          are recorded with the approval.
        </Typography>
      </EcsActionButton>
      <EcsActionButton
        label="Reject"
        permission={ECS_DEPLOY_ACTION_PERMISSIONS.approve}
        disabledReason={reason}
        confirmTitle={`Reject ${pipelineName}?`}
        comment="required"
        destructive
        run={decide('Rejected')}
        describeResult={describeOutcome}
        onSucceeded={onChanged}
      >
        <Typography variant="body2">
          The pipeline execution stops at the approval. Say why, so the author
          knows what to fix.
        </Typography>
      </EcsActionButton>
    </>
  );
};
