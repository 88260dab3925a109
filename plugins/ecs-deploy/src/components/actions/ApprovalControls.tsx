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
 * learns why) a pipeline's pending manual approval.
 */
export const ApprovalControls = ({
  environment,
  pipelineName,
  disabledReason,
  onChanged,
}: {
  environment: string;
  pipelineName: string;
  disabledReason?: string;
  onChanged?: () => void;
}) => {
  const runAction = useRunAction();
  return (
    <>
      <EcsActionButton
        label="Approve"
        permission={ECS_DEPLOY_ACTION_PERMISSIONS.approve}
        disabledReason={disabledReason}
        confirmTitle={`Approve ${pipelineName}?`}
        comment="optional"
        run={runAction({
          action: 'approve',
          environment,
          decision: 'Approved',
        })}
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
        disabledReason={disabledReason}
        confirmTitle={`Reject ${pipelineName}?`}
        comment="required"
        destructive
        run={runAction({
          action: 'approve',
          environment,
          decision: 'Rejected',
        })}
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
