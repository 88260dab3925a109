import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  EnvironmentOverview,
  isResourceNotFound,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentControls } from '../actions/DeploymentControls';
import { EnvironmentControls } from '../actions/EnvironmentControls';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { ecsServiceUrl, taskDefinitionUrl } from '../../utils/consoleLinks';
import { unreadableMessage } from '../../utils/errors';
import { shortCommit, shortDigest, systemLabel } from '../../utils/format';

const useStyles = makeStyles((theme: Theme) => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    marginBottom: theme.spacing(2),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
}));

/** The badge saying an environment is moving, waits for someone, or could not be read. */
export const EnvironmentBadge = ({ env }: { env: EnvironmentOverview }) => {
  if (env.error) {
    return (
      <Chip
        size="small"
        label={isResourceNotFound(env.error) ? 'Not found' : 'Not readable'}
      />
    );
  }
  if (env.waitingForAction) {
    return <Chip size="small" color="secondary" label="Waiting for you" />;
  }
  if (env.deploymentInProgress) {
    return <Chip size="small" color="primary" label="Deploying" />;
  }
  return null;
};

/**
 * The commit an environment runs: a commit-id image tag, else the commit of
 * the last deployment if that deployment put the running revision in place
 * (an unfinished deployment's commit does not run yet).
 */
export function runningCommit(env: EnvironmentOverview): string | undefined {
  const fromTag = env.images.find(
    i => i.tag && /^[0-9a-f]{7,40}$/.test(i.tag),
  )?.tag;
  if (fromTag) {
    return fromTag;
  }
  const last = env.lastDeployment;
  return last?.taskDefinitionTo?.arn &&
    last.taskDefinitionTo.arn === env.taskDefinition?.arn
    ? last.trigger.commitId
    : undefined;
}

/** An environment the backend could not read while it read the others. */
const UnreadableEnvironmentCard = ({ env }: { env: EnvironmentOverview }) => (
  <InfoCard
    title={
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <span>{env.name}</span>
        <EnvironmentBadge env={env} />
      </Box>
    }
    subheader={`${env.accountId} ${env.region}`}
  >
    <Typography variant="body2" role="alert">
      {env.error && unreadableMessage(env.name, env.error)}
    </Typography>
    <Typography variant="caption" color="textSecondary">
      {isResourceNotFound(env.error)
        ? 'Correct the annotation, or create the resource in that account and region.'
        : 'The other environments are current; this one is read again with the next refresh.'}
    </Typography>
  </InfoCard>
);

const EnvironmentCard = ({
  env,
  next,
  onChanged,
}: {
  env: EnvironmentOverview;
  next?: EnvironmentOverview;
  onChanged: () => void;
}) => {
  const classes = useStyles();
  if (env.error) return <UnreadableEnvironmentCard env={env} />;
  const image = env.images[0];
  const commit = runningCommit(env);
  const serviceUrl = ecsServiceUrl({
    region: env.region,
    cluster: env.service.cluster,
    serviceName: env.service.name,
  });
  const last = env.lastDeployment;

  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <span>{env.name}</span>
          <EnvironmentBadge env={env} />
        </Box>
      }
      subheader={[
        env.service.status,
        systemLabel(env),
        `${env.accountId} ${env.region}`,
      ]
        .filter(Boolean)
        .join(' · ')}
    >
      <dl className={classes.facts} aria-label={`${env.name} environment`}>
        <dt>Image</dt>
        <dd>
          {image ? (
            <>
              {image.tag ?? '(no tag)'}
              {image.digest && (
                <Typography variant="caption" color="textSecondary">
                  {' '}
                  {shortDigest(image.digest)}
                </Typography>
              )}
            </>
          ) : (
            '–'
          )}
        </dd>
        <dt>Commit</dt>
        <dd>{shortCommit(commit) ?? '–'}</dd>
        <dt>Task definition</dt>
        <dd>
          {env.taskDefinition ? (
            <Link
              to={taskDefinitionUrl(
                env.region,
                env.taskDefinition.family,
                env.taskDefinition.revision,
              )}
            >
              {env.taskDefinition.family}:{env.taskDefinition.revision}
            </Link>
          ) : (
            '–'
          )}
        </dd>
        <dt>Tasks</dt>
        <dd>
          {env.service.runningCount}/{env.service.desiredCount} running
          {env.service.pendingCount > 0 &&
            `, ${env.service.pendingCount} pending`}
        </dd>
        <dt>Last deployment</dt>
        <dd>{last ? <DeploymentStatusLabel status={last.status} /> : '–'}</dd>
      </dl>
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        {/* What the environment offers itself (a pipeline's approval, a
            stage's retry) shows once, with the environment's controls. */}
        {last && (
          <DeploymentControls
            deployment={last}
            omit={env.offers?.map(o => o.action)}
            onChanged={onChanged}
          />
        )}
        <EnvironmentControls
          environment={env}
          next={next}
          onChanged={onChanged}
        />
        {serviceUrl && (
          <Link to={serviceUrl}>Open the service in the AWS console</Link>
        )}
      </Box>
    </InfoCard>
  );
};

function columns(count: number): 4 | 6 | 12 {
  if (count >= 3) return 4;
  return count === 2 ? 6 : 12;
}

/**
 * One card per environment, in promotion order: status, what runs, tasks,
 * the last deployment, and the actions that fit.
 */
export const EnvironmentsStrip = ({
  environments,
  onChanged,
}: {
  environments: EnvironmentOverview[];
  onChanged: () => void;
}) => (
  <Grid container spacing={2} alignItems="stretch">
    {environments.map((env, index) => (
      <Grid
        item
        xs={12}
        md={6}
        lg={columns(environments.length)}
        key={env.name}
      >
        <EnvironmentCard
          env={env}
          next={environments[index + 1]}
          onChanged={onChanged}
        />
      </Grid>
    ))}
  </Grid>
);
