import { Cell, ColumnConfig, Table } from '@backstage/ui';
import { TextCell } from '../shared/TextCell';
import { LifecycleEvent } from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { formatDuration, formatTime } from '../../utils/format';
import { SectionCard } from '../shared/SectionCard';
import styles from './LifecycleTimeline.module.css';

type Row = LifecycleEvent & { id: number; offset?: number; width?: number };

/**
 * Lifecycle events and hooks in order, with their timing: a bar per event
 * placed on the deployment's own time axis, so a slow hook stands out.
 */
export const LifecycleTimeline = ({
  title,
  events,
}: {
  title: string;
  events: LifecycleEvent[];
}) => {
  const starts = events.map(e => (e.startedAt ? Date.parse(e.startedAt) : NaN));
  const ends = events.map((e, i) =>
    e.endedAt ? Date.parse(e.endedAt) : starts[i] + (e.durationMs ?? 0),
  );
  const valid = starts.filter(t => !Number.isNaN(t));
  const axisStart = valid.length ? Math.min(...valid) : 0;
  const axisEnd = Math.max(
    axisStart + 1,
    ...ends.filter(t => !Number.isNaN(t)),
  );
  const rows: Row[] = events.map((e, i) =>
    Number.isNaN(starts[i])
      ? { ...e, id: i }
      : {
          ...e,
          id: i,
          offset: ((starts[i] - axisStart) / (axisEnd - axisStart)) * 100,
          width: ((ends[i] - starts[i]) / (axisEnd - axisStart)) * 100,
        },
  );

  const columns: ColumnConfig<Row>[] = [
    {
      id: 'name',
      label: 'Event',
      isRowHeader: true,
      cell: r => <TextCell title={r.name} />,
    },
    {
      id: 'status',
      label: 'Status',
      cell: r => (
        <Cell>
          <DeploymentStatusLabel status={r.status} />
        </Cell>
      ),
    },
    {
      id: 'started',
      label: 'Started',
      cell: r => <TextCell title={formatTime(r.startedAt)} />,
    },
    {
      id: 'duration',
      label: 'Duration',
      cell: r => <TextCell title={formatDuration(r.durationMs)} />,
    },
    {
      id: 'timing',
      label: 'Timing',
      cell: r => (
        <Cell>
          {r.offset !== undefined && (
            <div className={styles.track} aria-hidden>
              <div
                className={styles.span}
                style={{ left: `${r.offset}%`, width: `${r.width}%` }}
              />
            </div>
          )}
        </Cell>
      ),
    },
    {
      id: 'message',
      label: 'Message',
      cell: r => <TextCell title={r.message ?? ''} />,
    },
  ];

  return (
    <SectionCard title={title} headingLevel="h3">
      <Table<Row>
        columnConfig={columns}
        data={rows}
        pagination={{ type: 'none' }}
      />
    </SectionCard>
  );
};
