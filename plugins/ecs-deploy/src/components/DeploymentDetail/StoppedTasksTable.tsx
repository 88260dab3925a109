import { Link } from '@backstage/core-components';
import { Cell, ColumnConfig, Table, Text } from '@backstage/ui';
import { TextCell } from '../shared/TextCell';
import { StoppedTask } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ConsoleLocation, ecsTaskUrl } from '../../utils/consoleLinks';
import { formatTime } from '../../utils/format';
import { SectionCard } from '../shared/SectionCard';

type Row = StoppedTask & { id: string };

/**
 * Tasks of the latest deployment that stopped: why (stop code and reason)
 * and how each container exited, the first thing to read when a deployment
 * fails its health checks.
 */
export const StoppedTasksTable = ({
  tasks,
  location,
  subtitle,
}: {
  tasks: StoppedTask[];
  location: ConsoleLocation;
  subtitle: string;
}) => {
  const columns: ColumnConfig<Row>[] = [
    {
      id: 'task',
      label: 'Task',
      isRowHeader: true,
      cell: t => {
        const url = ecsTaskUrl(location, t.taskId);
        const id = t.taskId.slice(0, 12);
        return url ? (
          <Cell>
            <Link to={url}>{id}</Link>
          </Cell>
        ) : (
          <TextCell title={id} />
        );
      },
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
      id: 'stopped',
      label: 'Stopped',
      cell: t => <TextCell title={formatTime(t.stoppedAt)} />,
    },
    {
      id: 'why',
      label: 'Why',
      cell: t => (
        <Cell>
          {t.stopCode && (
            <Text as="div" variant="body-medium">
              {t.stopCode}
            </Text>
          )}
          {t.stoppedReason && (
            <Text as="div" variant="body-small" color="secondary">
              {t.stoppedReason}
            </Text>
          )}
        </Cell>
      ),
    },
    {
      id: 'containers',
      label: 'Containers',
      cell: t => (
        <Cell>
          {t.containers.map(c => (
            <Text as="div" variant="body-medium" key={c.name}>
              {c.name}:{' '}
              {c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`}
              {c.reason ? ` (${c.reason})` : ''}
            </Text>
          ))}
        </Cell>
      ),
    },
  ];
  return (
    <SectionCard title="Stopped tasks" subheader={subtitle} headingLevel="h3">
      <Table<Row>
        columnConfig={columns}
        data={tasks.map(t => ({ ...t, id: t.taskId }))}
        pagination={{ type: 'none' }}
        emptyState={
          <Text as="p" variant="body-medium" style={{ padding: 16 }}>
            No task has stopped.
          </Text>
        }
      />
    </SectionCard>
  );
};
