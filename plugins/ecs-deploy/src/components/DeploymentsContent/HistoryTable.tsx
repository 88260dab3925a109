import { useMemo } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ActionLedgerEntry,
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  DeploymentSummary,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { HistoryFilters, useHistory } from '../../hooks/useHistory';
import { unreadableMessage } from '../../utils/errors';
import { formatDuration, formatTime, shortCommit } from '../../utils/format';
import {
  DeploymentStatusLabel,
  deploymentStatusText,
} from '../shared/DeploymentStatusLabel';
import { RequestError } from '../shared/RequestError';
import { ledgerByDeployment, ledgerText } from './ledgerText';
import { useStableId } from '../../hooks/useStableId';
import { detailSearch } from '../DeploymentDetail/detailSearch';

/**
 * A person or role as people say it: the session name of an assumed role
 * (`arn:aws:sts::1:assumed-role/deployer/priya.patel` → `priya.patel`), the
 * last part of any other ARN, else the text as it is.
 */
export function actorText(actor: string): string {
  if (!actor.startsWith('arn:')) {
    return actor;
  }
  const resource = actor.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1) || actor;
}

/** How the trigger of an entry reads: "commit 3ed9bd7 via payments-api-prod". */
export function triggerText(d: DeploymentSummary): string {
  const { trigger } = d;
  const commit = trigger.commitId
    ? `commit ${shortCommit(trigger.commitId)}`
    : trigger.imageTag && `image ${trigger.imageTag}`;
  switch (trigger.kind) {
    case 'rollback':
      return d.rollback?.ofDeploymentId
        ? `rollback of ${d.rollback.ofDeploymentId}`
        : 'rollback';
    case 'autoscaling':
      return 'autoscaling';
    case 'user':
      return [commit, trigger.actor && `by ${actorText(trigger.actor)}`]
        .filter(Boolean)
        .join(' ');
    case 'pipeline':
      return [
        commit,
        `via ${
          d.pipelineName ??
          (trigger.actor && actorText(trigger.actor)) ??
          'pipeline'
        }`,
      ]
        .filter(Boolean)
        .join(' ');
    default:
      return commit || trigger.detail || 'unknown';
  }
}

function revisionText(d: DeploymentSummary): string {
  const from = d.taskDefinitionFrom ? `:${d.taskDefinitionFrom.revision}` : '';
  const to = d.taskDefinitionTo ? `:${d.taskDefinitionTo.revision}` : '';
  const family = d.taskDefinitionTo?.family ?? d.taskDefinitionFrom?.family;
  if (!family) return '–';
  return from && to ? `${family}${from} → ${to}` : `${family}${from || to}`;
}

const KIND_NAMES: Record<DeploymentSummary['kind'], string> = {
  pipeline: 'Pipeline run',
  codedeploy: 'CodeDeploy',
  ecs: 'ECS',
};

type Row = DeploymentSummary & { ledger: ActionLedgerEntry[] };

const columns: TableColumn<Row>[] = [
  {
    title: 'Status',
    field: 'status',
    render: row => (
      <>
        <DeploymentStatusLabel status={row.status} />
        {row.rollback?.rolledBack && (
          <Typography variant="caption" display="block" color="textSecondary">
            {row.rollback.byDeploymentId ? (
              <Link
                to={detailSearch(row.rollback.byDeploymentId, row.environment)}
              >
                rolled back
              </Link>
            ) : (
              'rolled back'
            )}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Deployment',
    field: 'id',
    render: row => (
      <Link
        to={detailSearch(row.id, row.environment)}
        aria-label={`Details of ${row.id}`}
      >
        {KIND_NAMES[row.kind]}{' '}
        <Typography variant="caption" component="span">
          {row.id.slice(row.id.indexOf(':') + 1)}
        </Typography>
      </Link>
    ),
  },
  {
    title: 'Trigger',
    render: row =>
      row.rollback?.ofDeploymentId ? (
        <Link to={detailSearch(row.rollback.ofDeploymentId, row.environment)}>
          {triggerText(row)}
        </Link>
      ) : (
        triggerText(row)
      ),
  },
  { title: 'Started', render: row => formatTime(row.startedAt) },
  { title: 'Duration', render: row => formatDuration(row.durationMs) },
  { title: 'Revision', render: row => revisionText(row) },
  {
    title: 'From the portal',
    render: row =>
      row.ledger.length > 0
        ? row.ledger.map(entry => (
            <Typography key={entry.id} variant="body2">
              {ledgerText(entry)}
            </Typography>
          ))
        : '',
  },
];

/** Props of {@link HistoryTable}. */
export type HistoryTableProps = {
  environments: string[];
  ledger: ActionLedgerEntry[];
  filters: HistoryFilters;
  onFiltersChange: (filters: HistoryFilters) => void;
  /** Changing it reloads the timeline from its newest entry. */
  refreshKey?: number;
};

/**
 * The deployment timeline, newest first: filters by environment and status
 * (applied by the backend), a table page of rows at a time, older pages
 * fetched on demand with the cursor.
 */
export const HistoryTable = ({
  environments,
  ledger,
  filters,
  onFiltersChange,
  refreshKey,
}: HistoryTableProps) => {
  const history = useHistory(filters, refreshKey);
  const envLabel = useStableId('ecs-history-env');
  const statusLabel = useStableId('ecs-history-status');
  const rows = useMemo(() => {
    const byDeployment = ledgerByDeployment(ledger);
    return history.items.map(item => {
      // The backend attaches the entry's own portal actions; the ledger
      // page adds the ones on its pipeline execution and any newer ones.
      const entries = [
        ...(item.portalActions ?? []),
        ...(byDeployment.get(item.id) ?? []),
        ...(item.links.pipelineExecutionId
          ? byDeployment.get(item.links.pipelineExecutionId) ?? []
          : []),
      ];
      const unique = [...new Map(entries.map(e => [e.id, e])).values()];
      return { ...item, ledger: unique };
    });
  }, [history.items, ledger]);

  const filterBar = (
    <Box display="flex" style={{ gap: 16 }} mb={2} alignItems="flex-end">
      <FormControl size="small" style={{ minWidth: 160 }}>
        <InputLabel id={envLabel} shrink>
          Environment
        </InputLabel>
        <Select
          labelId={envLabel}
          id={`${envLabel}-select`}
          displayEmpty
          value={filters.environment ?? ''}
          onChange={e =>
            onFiltersChange({
              ...filters,
              environment: (e.target.value as string) || undefined,
            })
          }
        >
          <MenuItem value="">All environments</MenuItem>
          {environments.map(env => (
            <MenuItem key={env} value={env}>
              {env}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" style={{ minWidth: 160 }}>
        <InputLabel id={statusLabel} shrink>
          Status
        </InputLabel>
        <Select
          labelId={statusLabel}
          id={`${statusLabel}-select`}
          displayEmpty
          value={filters.status ?? ''}
          onChange={e =>
            onFiltersChange({
              ...filters,
              status: ((e.target.value as string) || undefined) as
                | DeploymentStatus
                | undefined,
            })
          }
        >
          <MenuItem value="">All statuses</MenuItem>
          {DEPLOYMENT_STATUSES.map(status => (
            <MenuItem key={status} value={status}>
              {deploymentStatusText(status)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </Box>
  );

  if (history.error && history.items.length === 0) {
    return (
      <>
        {filterBar}
        <RequestError error={history.error} retry={history.reload} />
      </>
    );
  }

  return (
    <>
      {filterBar}
      {history.unreadable.map(({ environment, error }) => (
        <Box key={environment} mb={1}>
          <Alert severity="warning">
            Not in this history: {unreadableMessage(environment, error)}
          </Alert>
        </Box>
      ))}
      <Table<Row>
        title="Deployment history"
        subtitle="Newest first"
        columns={columns}
        data={rows}
        isLoading={history.loading && history.items.length === 0}
        options={{
          paging: true,
          pageSize: 20,
          pageSizeOptions: [20, 50, 100],
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={2}>
            <Typography>
              No deployments
              {filters.environment || filters.status
                ? ' match these filters.'
                : ' yet.'}
            </Typography>
          </Box>
        }
      />
      <Box mt={1} display="flex" alignItems="center" style={{ gap: 16 }}>
        {history.hasMore && (
          <Button
            variant="outlined"
            onClick={history.loadMore}
            disabled={history.loading}
          >
            {history.loading ? 'Loading…' : 'Load older deployments'}
          </Button>
        )}
        <Typography variant="body2" color="textSecondary">
          {history.items.length} loaded
        </Typography>
        {history.error && history.items.length > 0 && (
          <Typography variant="body2" color="error">
            Could not load more: {history.error.message}
          </Typography>
        )}
      </Box>
    </>
  );
};
