import { useMemo } from 'react';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Box,
  Button,
  Cell,
  ColumnConfig,
  Flex,
  Select,
  Table,
  Text,
  useTable,
} from '@backstage/ui';
import { TextCell } from '../shared/TextCell';
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
  KIND_NAMES,
  actorText,
  awsIdOf,
  changeText,
  deploymentsOf,
  revisionText,
  shortId,
  startedByText,
  trafficOutcomeText,
} from './releaseText';
import styles from './HistoryTable.module.css';
import {
  DeploymentStatusLabel,
  deploymentStatusText,
} from '../shared/DeploymentStatusLabel';
import { RequestError } from '../shared/RequestError';
import { ledgerByDeployment, ledgerText } from './ledgerText';
import { detailSearch } from '../DeploymentDetail/detailSearch';
import { ecsDeployTranslationRef } from '../../translation';
import { SectionCard } from '../shared/SectionCard';
import { ALL, fromOption, toOption } from '../shared/selectOptions';

export { actorText };

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

type Row = DeploymentSummary & { ledger: ActionLedgerEntry[] };

const text = (title: string) => <TextCell title={title} />;

/**
 * An entry's kind and short id, on one line, linking to its detail; the
 * full id on hover (and in the detail).
 */
const EntryLink = ({ entry }: { entry: DeploymentSummary }) => (
  <Link
    to={detailSearch(entry.id, entry.environment)}
    aria-label={`Details of ${entry.id}`}
    title={awsIdOf(entry.id)}
    className={styles.nowrap}
  >
    {KIND_NAMES[entry.kind]}{' '}
    <Text as="span" variant="body-x-small" className={styles.id}>
      {shortId(entry.id)}
    </Text>
  </Link>
);

const columns: ColumnConfig<Row>[] = [
  {
    id: 'status',
    label: 'Status',
    cell: row => {
      // A release ended rolled back when its deployment did.
      const { rollback } =
        deploymentsOf(row).find(d => d.rollback?.rolledBack) ?? row;
      return (
        <Cell>
          <DeploymentStatusLabel status={row.status} />
          {rollback?.rolledBack && (
            <Text as="div" variant="body-x-small" color="secondary">
              {rollback.byDeploymentId ? (
                <Link
                  to={detailSearch(rollback.byDeploymentId, row.environment)}
                >
                  rolled back
                </Link>
              ) : (
                'rolled back'
              )}
            </Text>
          )}
        </Cell>
      );
    },
  },
  {
    id: 'environment',
    label: 'Environment',
    cell: row => text(row.environment),
  },
  {
    id: 'release',
    label: 'Release',
    isRowHeader: true,
    cell: row => (
      <Cell>
        <EntryLink entry={row} />
        {(row.deployments ?? []).map(d => (
          <Text
            as="div"
            key={d.id}
            variant="body-x-small"
            color="secondary"
            className={styles.nowrap}
          >
            <EntryLink entry={d} /> · {deploymentStatusText(d.status)}
          </Text>
        ))}
        {(row.kind !== 'pipeline' || row.deployments?.length) && (
          <Text as="div" variant="body-x-small" color="secondary">
            {trafficOutcomeText(row.deployments?.at(-1) ?? row)}
          </Text>
        )}
      </Cell>
    ),
  },
  { id: 'change', label: 'Change', cell: row => text(changeText(row)) },
  {
    id: 'trigger',
    label: 'Started by',
    cell: row =>
      row.rollback?.ofDeploymentId ? (
        <Cell>
          <Link
            to={detailSearch(row.rollback.ofDeploymentId, row.environment)}
            title={row.rollback.ofDeploymentId}
          >
            {startedByText(row)}
          </Link>
        </Cell>
      ) : (
        text(startedByText(row))
      ),
  },
  {
    id: 'started',
    label: 'Started',
    cell: row => text(formatTime(row.startedAt)),
  },
  {
    id: 'duration',
    label: 'Duration',
    cell: row => text(formatDuration(row.durationMs)),
  },
  { id: 'revision', label: 'Revision', cell: row => text(revisionText(row)) },
  {
    id: 'portal',
    label: 'From the portal',
    cell: row => (
      <Cell>
        {row.ledger.map(entry => (
          <Text as="div" key={entry.id} variant="body-medium">
            {ledgerText(entry)}
          </Text>
        ))}
      </Cell>
    ),
  },
];

/** Props of {@link HistoryTable}. */
export type HistoryTableProps = {
  environments: string[];
  ledger: ActionLedgerEntry[];
  filters: HistoryFilters;
  onFiltersChange: (filters: HistoryFilters) => void;
  /**
   * The timeline as `useHistory` loads it for `filters`: the tab starts it
   * with the environments' read, so the first rows need not wait for them.
   */
  history: ReturnType<typeof useHistory>;
};

/**
 * The deployment timeline, newest first, one row per release (a pipeline
 * run with the deployment it started inside; a deployment no pipeline
 * started on its own row, saying who started it): filters by environment and status
 * (applied by the backend), a table page of rows at a time, older pages
 * fetched on demand with the cursor.
 */
export const HistoryTable = ({
  environments,
  ledger,
  filters,
  onFiltersChange,
  history,
}: HistoryTableProps) => {
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const rows = useMemo(() => {
    const byDeployment = ledgerByDeployment(ledger);
    return history.items.map(item => {
      // The backend attaches the entry's own portal actions; the ledger
      // page adds the ones on its pipeline execution and any newer ones.
      // A release shows its deployments' too.
      const entries = [item, ...(item.deployments ?? [])].flatMap(entry => [
        ...(entry.portalActions ?? []),
        ...(byDeployment.get(entry.id) ?? []),
        ...(entry.links.pipelineExecutionId
          ? byDeployment.get(entry.links.pipelineExecutionId) ?? []
          : []),
      ]);
      const unique = [...new Map(entries.map(e => [e.id, e])).values()];
      return { ...item, ledger: unique };
    });
  }, [history.items, ledger]);

  const { tableProps } = useTable({
    mode: 'complete',
    data: rows,
    paginationOptions: { pageSize: 20, pageSizeOptions: [20, 50, 100] },
  });

  const filterBar = (
    <Flex gap="4" align="end">
      <Select
        label={t('deployments.history.environmentFilter')}
        options={[
          { id: ALL, label: t('deployments.history.allEnvironments') },
          ...environments.map(env => ({ id: env, label: env })),
        ]}
        selectedKey={toOption(filters.environment)}
        onSelectionChange={key =>
          onFiltersChange({ ...filters, environment: fromOption(key) })
        }
        style={{ minWidth: 160 }}
      />
      <Select
        label={t('deployments.history.statusFilter')}
        options={[
          { id: ALL, label: t('deployments.history.allStatuses') },
          ...DEPLOYMENT_STATUSES.map(status => ({
            id: status,
            label: deploymentStatusText(status),
          })),
        ]}
        selectedKey={toOption(filters.status)}
        onSelectionChange={key =>
          onFiltersChange({
            ...filters,
            status: fromOption(key) as DeploymentStatus | undefined,
          })
        }
        style={{ minWidth: 160 }}
      />
    </Flex>
  );

  const title = t('deployments.history.title');
  const filtered = Boolean(filters.environment || filters.status);
  return (
    <SectionCard
      title={title}
      subheader={t('deployments.history.subtitle')}
      action={filterBar}
    >
      {history.error && history.items.length === 0 ? (
        <RequestError error={history.error} retry={history.reload} />
      ) : (
        <Flex direction="column" gap="2">
          {history.unreadable.map(({ environment, error }) => (
            <Alert
              key={environment}
              role="alert"
              status="warning"
              icon
              title={`Not in this history: ${unreadableMessage(
                environment,
                error,
              )}`}
            />
          ))}
          <section aria-label={title}>
            <Table<Row>
              columnConfig={columns}
              {...tableProps}
              isPending={history.loading && history.items.length === 0}
              emptyState={
                <Box p="4">
                  <Text as="p" variant="body-medium">
                    {filtered
                      ? t('deployments.history.emptyFiltered')
                      : t('deployments.history.empty')}
                  </Text>
                </Box>
              }
            />
          </section>
          <Flex align="center" gap="4">
            {history.hasMore && (
              <Button
                variant="secondary"
                onPress={history.loadMore}
                isDisabled={history.loading}
              >
                {history.loading
                  ? t('deployments.history.loadingOlder')
                  : t('deployments.history.loadOlder')}
              </Button>
            )}
            <Text as="p" variant="body-medium" color="secondary">
              {t('deployments.history.loaded', {
                number: String(history.items.length),
              })}
            </Text>
            {history.error && history.items.length > 0 && (
              <Text as="p" variant="body-medium" color="danger">
                Could not load more: {history.error.message}
              </Text>
            )}
          </Flex>
        </Flex>
      )}
    </SectionCard>
  );
};
