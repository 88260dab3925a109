import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { StoppedTask } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ConsoleLocation, ecsTaskUrl } from '../../utils/consoleLinks';
import { formatTime } from '../../utils/format';

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
  const columns: TableColumn<StoppedTask>[] = [
    {
      title: 'Task',
      render: t => {
        const url = ecsTaskUrl(location, t.taskId);
        const id = t.taskId.slice(0, 12);
        return url ? <Link to={url}>{id}</Link> : id;
      },
    },
    {
      title: 'Revision',
      render: t =>
        t.taskDefinition
          ? `${t.taskDefinition.family}:${t.taskDefinition.revision}`
          : '–',
    },
    { title: 'Stopped', render: t => formatTime(t.stoppedAt) },
    {
      title: 'Why',
      render: t => (
        <>
          {t.stopCode && <Typography variant="body2">{t.stopCode}</Typography>}
          {t.stoppedReason && (
            <Typography variant="caption" color="textSecondary">
              {t.stoppedReason}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Containers',
      render: t =>
        t.containers.map(c => (
          <Typography variant="body2" key={c.name}>
            {c.name}:{' '}
            {c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`}
            {c.reason ? ` (${c.reason})` : ''}
          </Typography>
        )),
    },
  ];
  return (
    <Table<StoppedTask>
      title="Stopped tasks"
      subtitle={subtitle}
      columns={columns}
      data={tasks}
      options={{
        paging: tasks.length > 10,
        pageSize: 10,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      emptyContent={
        <Typography style={{ padding: 16 }}>No task has stopped.</Typography>
      }
    />
  );
};
