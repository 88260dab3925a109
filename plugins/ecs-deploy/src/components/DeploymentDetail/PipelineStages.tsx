import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  ActionOffer,
  DeploymentDetail,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { OfferButton } from '../actions/OfferButton';
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

/**
 * A pipeline execution stage by stage: each action with its status, times,
 * summary and errors, the deployment it started, and beside a stage the
 * retry the backend offers for it.
 */
export const PipelineStages = ({
  environment,
  pipeline,
  offers,
  onChanged,
}: {
  environment: string;
  pipeline: NonNullable<DeploymentDetail['pipeline']>;
  /** Offers read with the execution or its environment; the retries of this execution's stages are shown. */
  offers: readonly ActionOffer[];
  onChanged: () => void;
}) => {
  const classes = useStyles();
  const retryOf = (stageName: string) =>
    offers.find(
      o =>
        o.action === 'retry-stage' &&
        o.request?.pipelineExecutionId === pipeline.executionId &&
        o.request.stageName === stageName,
    );
  return (
    <InfoCard title={`Pipeline ${pipeline.name}`}>
      <ol className={classes.stages} aria-label="Pipeline stages">
        {pipeline.stages.map(stage => {
          const retry = retryOf(stage.name);
          return (
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
                      <Typography
                        variant="caption"
                        display="block"
                        color="error"
                      >
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
                        <Link to={action.externalExecutionUrl}>
                          Open in AWS
                        </Link>
                      </Box>
                    )}
                  </li>
                ))}
              </ul>
              {retry && (
                <Box mt={1}>
                  <OfferButton
                    offer={retry}
                    subject={{ environment }}
                    onChanged={onChanged}
                  />
                </Box>
              )}
            </li>
          );
        })}
      </ol>
    </InfoCard>
  );
};
