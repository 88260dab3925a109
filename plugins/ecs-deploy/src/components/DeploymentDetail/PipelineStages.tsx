import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  DeploymentDetail,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { EcsActionButton } from '../actions/EcsActionButton';
import { useRunAction } from '../../hooks/useRunAction';
import { formatTime } from '../../utils/format';
import { detailSearch } from './detailSearch';

const useStyles = makeStyles((theme: Theme) => ({
  stages: {
    display: 'flex',
    gap: theme.spacing(2),
    overflowX: 'auto',
    listStyle: 'none',
    padding: 0,
    margin: 0,
  },
  stage: {
    minWidth: 220,
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  actions: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
    '& > li + li': { marginTop: theme.spacing(1) },
  },
}));

const describeOutcome = (r: EcsDeployActionResponse) => r.message;

/**
 * A pipeline execution stage by stage: each action with its status, times,
 * summary and errors, the deployment it started, and a retry for a failed
 * stage.
 */
export const PipelineStages = ({
  environment,
  pipeline,
  onChanged,
}: {
  environment: string;
  pipeline: NonNullable<DeploymentDetail['pipeline']>;
  onChanged: () => void;
}) => {
  const classes = useStyles();
  const runAction = useRunAction();
  return (
    <InfoCard title={`Pipeline ${pipeline.name}`}>
      <ol className={classes.stages} aria-label="Pipeline stages">
        {pipeline.stages.map(stage => (
          <li key={stage.name} className={classes.stage}>
            <Typography variant="subtitle2">{stage.name}</Typography>
            <DeploymentStatusLabel status={stage.status} />
            <ul className={classes.actions}>
              {stage.actions.map(action => (
                <li key={action.name}>
                  <Typography variant="body2">
                    {action.name}
                    {action.provider && (
                      <Typography
                        component="span"
                        variant="caption"
                        color="textSecondary"
                      >
                        {' '}
                        ({action.category ? `${action.category}, ` : ''}
                        {action.provider})
                      </Typography>
                    )}
                  </Typography>
                  <DeploymentStatusLabel status={action.status} />
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {formatTime(action.startedAt)}
                    {action.endedAt ? ` → ${formatTime(action.endedAt)}` : ''}
                  </Typography>
                  {action.summary && (
                    <Typography variant="caption" display="block">
                      {action.summary}
                    </Typography>
                  )}
                  {action.errorMessage && (
                    <Typography variant="caption" display="block" color="error">
                      {action.errorMessage}
                    </Typography>
                  )}
                  {action.deploymentId && (
                    <Link to={detailSearch(action.deploymentId, environment)}>
                      Deployment {action.deploymentId}
                    </Link>
                  )}
                  {action.externalExecutionUrl && (
                    <Box>
                      <Link to={action.externalExecutionUrl}>Open in AWS</Link>
                    </Box>
                  )}
                </li>
              ))}
            </ul>
            {stage.status === 'FAILED' && (
              <Box mt={1}>
                <EcsActionButton
                  label={`Retry ${stage.name}`}
                  permission={ECS_DEPLOY_ACTION_PERMISSIONS['retry-stage']}
                  confirmTitle={`Retry the failed actions of ${stage.name}?`}
                  confirmLabel="Retry"
                  run={runAction({
                    action: 'retry-stage',
                    environment,
                    stageName: stage.name,
                    pipelineExecutionId: pipeline.executionId,
                  })}
                  describeResult={describeOutcome}
                  onSucceeded={onChanged}
                >
                  <Typography variant="body2">
                    CodePipeline runs the failed actions of this stage again in
                    the same execution.
                  </Typography>
                </EcsActionButton>
              </Box>
            )}
          </li>
        ))}
      </ol>
    </InfoCard>
  );
};
