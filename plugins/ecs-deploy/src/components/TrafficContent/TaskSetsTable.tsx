import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import blue from '@material-ui/core/colors/blue';
import green from '@material-ui/core/colors/green';
import { TaskSetInfo } from '@ecs-deploy/plugin-ecs-deploy-common';

const LABEL_COLORS: Partial<Record<TaskSetInfo['label'], string>> = {
  BLUE: blue[700],
  GREEN: green[800],
};

/** A task set's label as a chip, coloured like its share of the split bar. */
export const TaskSetLabelChip = ({
  label,
}: {
  label: TaskSetInfo['label'];
}) => {
  const color = LABEL_COLORS[label];
  return (
    <Chip
      size="small"
      label={label.toLowerCase()}
      style={color ? { backgroundColor: color, color: '#fff' } : undefined}
    />
  );
};

/** Task sets with their counts, status, weight and revision. */
export const TaskSetsTable = ({
  title,
  taskSets,
}: {
  title: string;
  taskSets: TaskSetInfo[];
}) => {
  const columns: TableColumn<TaskSetInfo>[] = [
    { title: 'Task set', render: t => <TaskSetLabelChip label={t.label} /> },
    { title: 'Status', field: 'status' },
    {
      title: 'Tasks',
      render: t =>
        `${t.runningCount}/${t.desiredCount} running${
          t.pendingCount ? `, ${t.pendingCount} pending` : ''
        }`,
    },
    {
      title: 'Traffic',
      render: t =>
        t.trafficWeight === undefined ? '–' : `${t.trafficWeight}%`,
    },
    {
      title: 'Revision',
      render: t =>
        t.taskDefinition
          ? `${t.taskDefinition.family}:${t.taskDefinition.revision}`
          : '–',
    },
    { title: 'Target group', render: t => t.targetGroupName ?? '–' },
    { title: 'Id', render: t => t.id },
  ];
  return (
    <Table<TaskSetInfo>
      title={title}
      columns={columns}
      data={taskSets}
      options={{
        paging: false,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
    />
  );
};
