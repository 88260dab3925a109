import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { LifecycleEvent } from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { formatDuration, formatTime } from '../../utils/format';

const useStyles = makeStyles((theme: Theme) => ({
  track: {
    position: 'relative',
    height: theme.spacing(1.5),
    minWidth: 120,
    backgroundColor: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
  },
  span: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    backgroundColor: theme.palette.primary.main,
    borderRadius: theme.shape.borderRadius,
    minWidth: 2,
  },
}));

type Row = LifecycleEvent & { offset?: number; width?: number };

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
  const classes = useStyles();
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
      ? e
      : {
          ...e,
          offset: ((starts[i] - axisStart) / (axisEnd - axisStart)) * 100,
          width: ((ends[i] - starts[i]) / (axisEnd - axisStart)) * 100,
        },
  );

  const columns: TableColumn<Row>[] = [
    { title: 'Event', field: 'name' },
    {
      title: 'Status',
      render: r => <DeploymentStatusLabel status={r.status} />,
    },
    { title: 'Started', render: r => formatTime(r.startedAt) },
    { title: 'Duration', render: r => formatDuration(r.durationMs) },
    {
      title: 'Timing',
      render: r =>
        r.offset === undefined ? (
          ''
        ) : (
          <div className={classes.track} aria-hidden>
            <div
              className={classes.span}
              style={{ left: `${r.offset}%`, width: `${r.width}%` }}
            />
          </div>
        ),
    },
    { title: 'Message', render: r => r.message ?? '' },
  ];

  return (
    <Box mb={2}>
      <Table<Row>
        title={title}
        columns={columns}
        data={rows}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
      />
    </Box>
  );
};
