import {
  Link,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import {
  Alert,
  Cell,
  ColumnConfig,
  Flex,
  Skeleton,
  Table,
  Text,
} from '@backstage/ui';
import {
  EnvironmentTasks,
  RunningTask,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { unreadableMessage } from '../../utils/errors';
import {
  durationBetween,
  formatDuration,
  formatTime,
} from '../../utils/format';
import { detailSearch } from '../DeploymentDetail/detailSearch';
import { RequestError } from '../shared/RequestError';
import { SectionCard } from '../shared/SectionCard';
import { TextCell } from '../shared/TextCell';
import { KIND_NAMES, awsIdOf, shortId } from './releaseText';

type Row = RunningTask & { id: string };

const TASK_ID_LENGTH = 8;

/** Health in words with the portal's status colour; words are always there. */
const HealthLabel = ({ health }: { health: RunningTask['healthStatus'] }) => {
  switch (health) {
    case 'HEALTHY':
      return <StatusOK>Healthy</StatusOK>;
    case 'UNHEALTHY':
      return <StatusError>Unhealthy</StatusError>;
    default:
      return <StatusPending>Unknown</StatusPending>;
  }
};

function statusText(t: RunningTask): string {
  const last = t.lastStatus.toLowerCase();
  return t.desiredStatus === t.lastStatus
    ? last
    : `${last} → ${t.desiredStatus.toLowerCase()}`;
}

function startedText(t: RunningTask): string {
  if (!t.startedAt) return 'starting';
  return `${formatDuration(durationBetween(t.startedAt, undefined))} ago`;
}

/** `ECS 67c5a91d`, as the history names the deployment. */
function deploymentText(deploymentId: string): string {
  const kind = parseDeploymentId(deploymentId)?.kind;
  return [kind && KIND_NAMES[kind], shortId(deploymentId)]
    .filter(Boolean)
    .join(' ');
}

const columns = (environment: string): ColumnConfig<Row>[] => [
  {
    id: 'task',
    label: 'Task',
    isRowHeader: true,
    cell: t => (
      <Cell>
        <Text as="span" variant="body-medium" title={t.taskId}>
          {t.taskId.slice(0, TASK_ID_LENGTH)}
        </Text>
      </Cell>
    ),
  },
  {
    id: 'revision',
    label: 'Revision',
    cell: t => (
      <TextCell
        title={
          t.taskDefinition
            ? `${t.taskDefinition.family}:${t.taskDefinition.revision}`
            : '–'
        }
      />
    ),
  },
  {
    id: 'status',
    label: 'Status',
    cell: t => <TextCell title={statusText(t)} />,
  },
  {
    id: 'health',
    label: 'Health',
    cell: t => (
      <Cell>
        <HealthLabel health={t.healthStatus} />
      </Cell>
    ),
  },
  {
    id: 'started',
    label: 'Started',
    cell: t => (
      <Cell>
        <Text
          as="span"
          variant="body-medium"
          title={t.startedAt ? formatTime(t.startedAt) : undefined}
        >
          {startedText(t)}
        </Text>
      </Cell>
    ),
  },
  {
    id: 'deployment',
    label: 'Deployment',
    cell: t =>
      t.deploymentId ? (
        <Cell>
          <Link
            to={detailSearch(t.deploymentId, environment)}
            title={awsIdOf(t.deploymentId)}
          >
            {deploymentText(t.deploymentId)}
          </Link>
        </Cell>
      ) : (
        <TextCell title={t.startedBy ?? '–'} />
      ),
  },
];

const EnvironmentTasksTable = ({ env }: { env: EnvironmentTasks }) => {
  const running = env.tasks.filter(t => t.lastStatus === 'RUNNING').length;
  return (
    <section aria-label={`${env.environment} running tasks`}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="body-large" weight="bold">
          {env.environment}{' '}
          {!env.error && (
            <Text as="span" variant="body-small" color="secondary">
              {running} running
              {env.tasks.length > running
                ? `, ${env.tasks.length - running} starting or stopping`
                : ''}
            </Text>
          )}
        </Text>
        {env.error ? (
          <Alert
            status="warning"
            icon
            title={unreadableMessage(env.environment, env.error)}
          />
        ) : (
          <Table<Row>
            columnConfig={columns(env.environment)}
            data={env.tasks.map(t => ({ ...t, id: t.taskId }))}
            pagination={{ type: 'none' }}
            emptyState={
              <Text as="p" variant="body-medium" style={{ padding: 16 }}>
                No running tasks
              </Text>
            }
          />
        )}
      </Flex>
    </section>
  );
};

/**
 * The tasks ECS runs in each environment: revision, status, health, age and
 * the deployment that started each, so a half-done rollout or a task that
 * never turns healthy shows without the console.
 */
export const RunningTasksCard = ({
  environments,
  loading,
  error,
  retry,
}: {
  environments?: EnvironmentTasks[];
  loading: boolean;
  error?: Error;
  retry: () => void;
}) => {
  const body = () => {
    if (!environments) {
      if (loading) {
        return (
          <div
            role="progressbar"
            aria-label="Loading running tasks"
            aria-busy="true"
          >
            <Skeleton width="100%" height={24} />
            <Skeleton width="100%" height={24} style={{ marginTop: 8 }} />
          </div>
        );
      }
      return (
        <RequestError
          error={error ?? new Error('No answer')}
          retry={retry}
          title="Running tasks could not be read"
        />
      );
    }
    return (
      <Flex direction="column" gap="4">
        {error && (
          <Text as="p" variant="body-small" color="secondary" role="status">
            The last refresh failed; showing the tasks read before.
          </Text>
        )}
        {environments.map(env => (
          <EnvironmentTasksTable key={env.environment} env={env} />
        ))}
      </Flex>
    );
  };
  return (
    <SectionCard
      title="Running tasks"
      subheader="What ECS runs in each environment now"
    >
      {body()}
    </SectionCard>
  );
};
