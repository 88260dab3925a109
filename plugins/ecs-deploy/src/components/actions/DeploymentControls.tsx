import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  DeploymentSummary,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionResponse,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { useRunAction } from '../../hooks/useRunAction';
import { ApprovalControls } from './ApprovalControls';
import { EcsActionButton } from './EcsActionButton';

/** What the controls need to know of a deployment. */
export type ControlledDeployment = Pick<
  DeploymentSummary,
  'id' | 'kind' | 'environment' | 'status' | 'pipelineName'
>;

/** Props of {@link DeploymentControls}. */
export type DeploymentControlsProps = {
  deployment: ControlledDeployment;
  /** Called after an action succeeded, to reload the view. */
  onChanged?: () => void;
};

const ACTIVE = new Set(['PENDING', 'IN_PROGRESS', 'WAITING', 'BAKING']);

const describeOutcome = (r: EcsDeployActionResponse) => r.message;

/**
 * The actions that fit a deployment's state: continue, finish early and
 * roll back a deployment; approve or reject a pipeline waiting for a person.
 * Buttons the state does not allow stay visible but disabled, saying why.
 */
export const DeploymentControls = ({
  deployment,
  onChanged,
}: DeploymentControlsProps) => {
  const runAction = useRunAction();
  const { environment, status, id } = deployment;
  const active = ACTIVE.has(status);

  if (deployment.kind === 'pipeline') {
    if (status !== 'WAITING') {
      return null;
    }
    return (
      <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
        <ApprovalControls
          environment={environment}
          pipelineName={deployment.pipelineName ?? 'the pipeline'}
          pipelineExecutionId={parseDeploymentId(id)?.awsId}
          onChanged={onChanged}
        />
      </Box>
    );
  }

  const continueReason =
    status === 'WAITING'
      ? undefined
      : `Only a deployment waiting for a person can continue; this one is ${status
          .toLowerCase()
          .replace('_', ' ')}.`;
  const finishReason =
    status === 'BAKING'
      ? undefined
      : 'Only a deployment keeping its original task set (bake or termination wait) can finish early.';
  const rollbackReason = active
    ? undefined
    : 'The deployment has ended; start a new one to change what runs.';

  return (
    <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
      <EcsActionButton
        label="Continue"
        permission={ECS_DEPLOY_ACTION_PERMISSIONS.continue}
        disabledReason={continueReason}
        confirmTitle={`Continue the deployment in ${environment}?`}
        run={runAction({ action: 'continue', environment, deploymentId: id })}
        describeResult={describeOutcome}
        onSucceeded={onChanged}
      >
        <Typography variant="body2">
          Production traffic moves to the replacement task set as the
          deployment's configuration says.
        </Typography>
      </EcsActionButton>
      {deployment.kind === 'codedeploy' && (
        <EcsActionButton
          label="Finish early"
          permission={ECS_DEPLOY_ACTION_PERMISSIONS['finish-early']}
          disabledReason={finishReason}
          confirmTitle={`Terminate the original task set in ${environment} now?`}
          confirmLabel="Terminate original"
          run={runAction({
            action: 'finish-early',
            environment,
            deploymentId: id,
          })}
          describeResult={describeOutcome}
          onSucceeded={onChanged}
        >
          <Typography variant="body2">
            The original (blue) task set stops now instead of at the end of the
            wait. After that, rolling back needs a new deployment.
          </Typography>
        </EcsActionButton>
      )}
      <EcsActionButton
        label="Roll back"
        permission={ECS_DEPLOY_ACTION_PERMISSIONS.rollback}
        disabledReason={rollbackReason}
        confirmTitle={`Stop the deployment in ${environment} and roll back?`}
        confirmLabel="Stop and roll back"
        destructive
        run={runAction({ action: 'rollback', environment, deploymentId: id })}
        describeResult={describeOutcome}
        onSucceeded={onChanged}
      >
        <Typography variant="body2">
          The deployment stops and traffic returns to the original task set.
        </Typography>
      </EcsActionButton>
    </Box>
  );
};
