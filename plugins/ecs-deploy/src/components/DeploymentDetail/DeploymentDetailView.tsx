import { Link, Progress } from '@backstage/core-components';
import { useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Box, Flex, Text } from '@backstage/ui';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EnvironmentOverview,
  StoppedTask,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { useEntitySignal } from '../../hooks/useEntitySignal';
import { deploymentUrl } from '../../utils/consoleLinks';
import {
  formatDuration,
  formatTime,
  shortCommit,
  shortDigest,
} from '../../utils/format';
import { DeploymentControls } from '../actions/DeploymentControls';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { RequestError } from '../shared/RequestError';
import { triggerText } from '../DeploymentsContent/HistoryTable';
import { LifecycleTimeline } from './LifecycleTimeline';
import { PipelineStages } from './PipelineStages';
import { ReleaseDeployment } from './ReleaseDeployment';
import { StoppedTasksTable } from './StoppedTasksTable';
import { PortalActionsCard } from '../DeploymentsContent/PortalActionsCard';
import { TaskSetsTable } from '../TrafficContent/TaskSetsTable';
import { ecsDeployTranslationRef } from '../../translation';
import facts from '../shared/FactTable.module.css';
import { detailSearch } from './detailSearch';

/**
 * The stopped tasks to show for a deployment: its own when AWS says which
 * deployment started each task, else all of the environment's latest.
 */
function stoppedTasksOf(
  tasks: StoppedTask[],
  deploymentId: string,
  environment: string,
): { tasks: StoppedTask[]; subtitle: string } {
  if (tasks.some(t => t.deploymentId)) {
    return {
      tasks: tasks.filter(t => t.deploymentId === deploymentId),
      subtitle: 'Started by this deployment',
    };
  }
  return { tasks, subtitle: `Of the latest deployment in ${environment}` };
}

/** Props of {@link DeploymentDetailView}. */
export type DeploymentDetailViewProps = {
  deploymentId: string;
  environment: string;
  /** The environment's overview, for console links; optional. */
  overview?: EnvironmentOverview;
  /** The query string that leads back to the list. */
  backTo: string;
  /** Called after an action succeeded, to reload what else shows its state. */
  onChanged?: () => void;
};

/**
 * One deployment in full: what started it, how it went event by event and
 * stage by stage, the messages and errors AWS recorded, the tasks that
 * stopped, and links to the AWS console and to the related rollback.
 */
export const DeploymentDetailView = ({
  deploymentId,
  environment,
  overview,
  backTo,
  onChanged,
}: DeploymentDetailViewProps) => {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  // Set by a signal: the next read asks for what the watcher saw.
  const nextReadFresh = useRef(false);
  const detail = useAsyncRetry(() => {
    const fresh = nextReadFresh.current || undefined;
    nextReadFresh.current = false;
    return api.getDeployment(entityRef, { deploymentId, environment, fresh });
  }, [api, entityRef, deploymentId, environment]);
  useEntitySignal(signals => {
    if (signals.some(signal => signal.environment === environment)) {
      nextReadFresh.current = true;
      detail.retry();
    }
  });
  const stopped = useAsyncRetry(
    () => api.getStoppedTasks(entityRef, { environment }),
    [api, entityRef, environment],
  );

  const back = <Link to={backTo}>{t('deployments.detail.back')}</Link>;
  const reload = () => {
    detail.retry();
    onChanged?.();
  };

  if (detail.loading && !detail.value) {
    return (
      <>
        {back}
        <Progress aria-label="Loading the deployment" />
      </>
    );
  }
  if (detail.error) {
    return (
      <>
        {back}
        <RequestError error={detail.error} retry={detail.retry} />
      </>
    );
  }
  if (!detail.value) {
    return null;
  }

  const { deployment, lifecycleEvents, statusMessages, targets, pipeline } =
    detail.value;
  const location = {
    region: overview?.region ?? '',
    cluster: overview?.service.cluster,
    serviceName: overview?.service.name,
    pipelineName: overview?.pipeline?.name,
  };
  const consoleUrl = overview
    ? deploymentUrl(location, deployment.id, deployment.pipelineName)
    : undefined;
  const { rollback, trigger } = deployment;

  return (
    <Flex direction="column" gap="5">
      <div>
        {back}
        <Flex align="center" gap="4" mt="2" style={{ flexWrap: 'wrap' }}>
          <Text as="h2" variant="title-small">
            {deployment.id} in {deployment.environment}
          </Text>
          <DeploymentStatusLabel status={deployment.status} />
          {consoleUrl && (
            <Link to={consoleUrl}>{t('deployments.detail.openInConsole')}</Link>
          )}
        </Flex>
        <dl className={facts.facts} style={{ marginTop: 12 }}>
          <dt>Trigger</dt>
          <dd>{triggerText(deployment)}</dd>
          {trigger.imageDigest && (
            <>
              <dt>Image</dt>
              <dd>
                {trigger.imageTag ?? ''} {shortDigest(trigger.imageDigest)}
                {trigger.commitId &&
                  ` (commit ${shortCommit(trigger.commitId)})`}
              </dd>
            </>
          )}
          <dt>Started</dt>
          <dd>{formatTime(deployment.startedAt)}</dd>
          <dt>Ended</dt>
          <dd>{formatTime(deployment.endedAt)}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(deployment.durationMs)}</dd>
          <dt>Revision</dt>
          <dd>
            {deployment.taskDefinitionFrom
              ? `${deployment.taskDefinitionFrom.family}:${deployment.taskDefinitionFrom.revision}`
              : '–'}{' '}
            →{' '}
            {deployment.taskDefinitionTo
              ? `${deployment.taskDefinitionTo.family}:${deployment.taskDefinitionTo.revision}`
              : '–'}
          </dd>
          {detail.value.lifecycleStage && (
            <>
              <dt>Stage</dt>
              <dd>{detail.value.lifecycleStage}</dd>
            </>
          )}
        </dl>
        <Flex direction="column" gap="2">
          {deployment.errorMessage && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={deployment.errorMessage}
            />
          )}
          {rollback?.rolledBack && (
            <Alert
              role="alert"
              status="warning"
              icon
              title={
                <>
                  Rolled back
                  {rollback.byDeploymentId && (
                    <>
                      {' '}
                      by{' '}
                      <Link
                        to={detailSearch(rollback.byDeploymentId, environment)}
                      >
                        {rollback.byDeploymentId}
                      </Link>
                    </>
                  )}
                  {rollback.message ? `: ${rollback.message}` : '.'}
                </>
              }
            />
          )}
          {rollback?.ofDeploymentId && (
            <Alert
              role="status"
              status="info"
              icon
              title={
                <>
                  This is a rollback of{' '}
                  <Link to={detailSearch(rollback.ofDeploymentId, environment)}>
                    {rollback.ofDeploymentId}
                  </Link>
                  .
                </>
              }
            />
          )}
        </Flex>
        <Box mt="4">
          {/* A stage's retry shows beside the stage. */}
          <DeploymentControls
            deployment={deployment}
            omit={pipeline ? ['retry-stage'] : []}
            onChanged={reload}
          />
        </Box>
      </div>

      {/* What people did to it from the portal: a release's start, shifts, promotion. */}
      {(deployment.portalActions?.length ?? 0) > 0 && (
        <PortalActionsCard
          title={t('deployments.detail.portalSteps')}
          entries={deployment.portalActions!}
          limit={100}
        />
      )}

      {statusMessages.length > 0 && (
        <div>
          <Text as="h3" variant="title-x-small">
            Status messages
          </Text>
          <ul aria-label="Status messages">
            {statusMessages.map((m, i) => (
              <li key={i}>
                <Text variant="body-medium">{m}</Text>
              </li>
            ))}
          </ul>
        </div>
      )}

      {lifecycleEvents.length > 0 && (
        <LifecycleTimeline title="Lifecycle events" events={lifecycleEvents} />
      )}

      {targets.map(target => (
        <div key={target.id}>
          {/* CodeDeploy reports the same hooks for the deployment and its
              one ECS target; show the target's only when they add something. */}
          {target.lifecycleEvents.length > 0 &&
            lifecycleEvents.length === 0 && (
              <LifecycleTimeline
                title={`Target ${target.id}: lifecycle hooks`}
                events={target.lifecycleEvents}
              />
            )}
          {target.taskSets.length > 0 && (
            <TaskSetsTable
              title={`Target ${target.id}: task sets`}
              taskSets={target.taskSets}
            />
          )}
        </div>
      ))}

      {/* A release: the deployments its run started, with their lifecycle. */}
      {deployment.kind === 'pipeline' &&
        (deployment.links.deploymentIds ?? []).map(id => (
          <ReleaseDeployment
            key={id}
            deploymentId={id}
            environment={environment}
          />
        ))}

      {pipeline && (
        <PipelineStages
          environment={environment}
          pipeline={pipeline}
          offers={[...(deployment.offers ?? []), ...(overview?.offers ?? [])]}
          onChanged={reload}
        />
      )}

      <div>
        {stopped.error && (
          <RequestError
            error={stopped.error}
            retry={stopped.retry}
            title="Stopped tasks could not be read"
          />
        )}
        {stopped.value && (
          <StoppedTasksTable
            location={location}
            {...stoppedTasksOf(stopped.value.items, deployment.id, environment)}
          />
        )}
        {!stopped.error && !stopped.value && (
          <Progress aria-label="Loading stopped tasks" />
        )}
      </div>
    </Flex>
  );
};
