import { Badge, Cell, ColumnConfig, Table, Text } from '@backstage/ui';
import { TextCell } from '../shared/TextCell';
import { TaskSetInfo } from '@ecs-deploy/plugin-ecs-deploy-common';
import sides from '../charts/sides.module.css';

const SIDE: Partial<Record<TaskSetInfo['label'], string>> = {
  BLUE: sides.blue,
  GREEN: sides.green,
};

/** A task set's label as a badge, coloured like its share of the split bar. */
export const TaskSetLabelChip = ({
  label,
}: {
  label: TaskSetInfo['label'];
}) => <Badge className={SIDE[label]}>{label.toLowerCase()}</Badge>;

const revision = (t: TaskSetInfo) =>
  t.taskDefinition
    ? `${t.taskDefinition.family}:${t.taskDefinition.revision}`
    : '–';

const columns: ColumnConfig<TaskSetInfo>[] = [
  {
    id: 'label',
    label: 'Task set',
    isRowHeader: true,
    cell: t => (
      <Cell>
        <TaskSetLabelChip label={t.label} />
      </Cell>
    ),
  },
  { id: 'status', label: 'Status', cell: t => <TextCell title={t.status} /> },
  {
    id: 'tasks',
    label: 'Tasks',
    cell: t => (
      <TextCell
        title={`${t.runningCount}/${t.desiredCount} running${
          t.pendingCount ? `, ${t.pendingCount} pending` : ''
        }`}
      />
    ),
  },
  {
    id: 'traffic',
    label: 'Traffic',
    cell: t => (
      <TextCell
        title={t.trafficWeight === undefined ? '–' : `${t.trafficWeight}%`}
      />
    ),
  },
  {
    id: 'revision',
    label: 'Revision',
    cell: t => <TextCell title={revision(t)} />,
  },
  {
    id: 'targetGroup',
    label: 'Target group',
    cell: t => <TextCell title={t.targetGroupName ?? '–'} />,
  },
  { id: 'id', label: 'Id', cell: t => <TextCell title={t.id} /> },
];

/** Task sets with their counts, status, weight and revision. */
export const TaskSetsTable = ({
  title,
  taskSets,
}: {
  title: string;
  taskSets: TaskSetInfo[];
}) => (
  <section aria-label={title}>
    <Text as="h3" variant="title-x-small" style={{ margin: '16px 0 8px' }}>
      {title}
    </Text>
    <Table<TaskSetInfo>
      columnConfig={columns}
      data={taskSets}
      pagination={{ type: 'none' }}
    />
  </section>
);
