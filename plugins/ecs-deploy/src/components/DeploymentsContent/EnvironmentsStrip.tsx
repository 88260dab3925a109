import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Badge, Flex, Grid, Text } from '@backstage/ui';
import {
  EnvironmentOverview,
  isResourceNotFound,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EnvironmentControls } from '../actions/EnvironmentControls';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { ecsServiceUrl, taskDefinitionUrl } from '../../utils/consoleLinks';
import { unreadableMessage } from '../../utils/errors';
import { shortCommit, shortDigest, systemLabel } from '../../utils/format';
import { ecsDeployTranslationRef } from '../../translation';
import facts from '../shared/FactTable.module.css';
import { SectionCard } from '../shared/SectionCard';
import badges from './EnvironmentBadge.module.css';
import { WaitingBadge } from './WaitingBadge';

/** The badge saying an environment is moving, waits for someone, or could not be read. */
export const EnvironmentBadge = ({ env }: { env: EnvironmentOverview }) => {
  if (env.error) {
    return (
      <Badge className={badges.unreadable}>
        {isResourceNotFound(env.error) ? 'Not found' : 'Not readable'}
      </Badge>
    );
  }
  if (env.waitingForAction) {
    return <WaitingBadge env={env} />;
  }
  if (env.deploymentInProgress) {
    return <Badge className={badges.deploying}>Deploying</Badge>;
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

/** An environment's name with its badge, the title of its card. */
const EnvironmentTitle = ({ env }: { env: EnvironmentOverview }) => (
  <span className={badges.title}>
    <span>{env.name}</span>
    <EnvironmentBadge env={env} />
  </span>
);

/** An environment the backend could not read while it read the others. */
const UnreadableEnvironmentCard = ({ env }: { env: EnvironmentOverview }) => (
  <SectionCard
    title={<EnvironmentTitle env={env} />}
    subheader={`${env.accountId} ${env.region}`}
  >
    <Text as="p" variant="body-medium" role="alert">
      {env.error && unreadableMessage(env.name, env.error)}
    </Text>
    <Text as="p" variant="body-small" color="secondary">
      {isResourceNotFound(env.error)
        ? 'Correct the annotation, or create the resource in that account and region.'
        : 'The other environments are current; this one is read again with the next refresh.'}
    </Text>
  </SectionCard>
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
  const { t } = useTranslationRef(ecsDeployTranslationRef);
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
    <SectionCard
      title={<EnvironmentTitle env={env} />}
      subheader={[
        env.service.status,
        systemLabel(env),
        `${env.accountId} ${env.region}`,
      ]
        .filter(Boolean)
        .join(' · ')}
    >
      <dl className={facts.facts} aria-label={`${env.name} environment`}>
        <dt>Image</dt>
        <dd>
          {image ? (
            <>
              {image.tag ?? '(no tag)'}
              {image.digest && (
                <Text as="span" variant="body-small" color="secondary">
                  {' '}
                  {shortDigest(image.digest)}
                </Text>
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
      <Flex direction="column" gap="2">
        <EnvironmentControls
          environment={env}
          next={next}
          onChanged={onChanged}
        />
        {serviceUrl && (
          <Link to={serviceUrl}>{t('deployments.openServiceInConsole')}</Link>
        )}
      </Flex>
    </SectionCard>
  );
};

function columns(count: number): '1' | '2' | '3' {
  if (count >= 3) return '3';
  return count === 2 ? '2' : '1';
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
  <Grid.Root
    columns={{
      initial: '1',
      md: environments.length > 1 ? '2' : '1',
      lg: columns(environments.length),
    }}
    gap="4"
  >
    {environments.map((env, index) => (
      <EnvironmentCard
        key={env.name}
        env={env}
        next={environments[index + 1]}
        onChanged={onChanged}
      />
    ))}
  </Grid.Root>
);
