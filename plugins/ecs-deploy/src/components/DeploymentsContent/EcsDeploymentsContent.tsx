import { useCallback, useMemo, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Grid } from '@backstage/ui';
import { useSearchParams } from 'react-router-dom';
import {
  DeploymentStatus,
  EcsDeploySignal,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployReadOptions } from '../../api';
import { useEntitySignal } from '../../hooks/useEntitySignal';
import { useEnvironments } from '../../hooks/useEnvironments';
import { useLedger } from '../../hooks/useLedger';
import { usePolling } from '../../hooks/usePolling';
import { useRunningTasks } from '../../hooks/useRunningTasks';
import {
  HistoryFilters,
  HistoryRefresh,
  useHistory,
} from '../../hooks/useHistory';
import { isEcsDeployAvailable } from '../../isEcsDeployAvailable';
import { DeploymentDetailView } from '../DeploymentDetail/DeploymentDetailView';
import { ecsDeployTranslationRef } from '../../translation';
import { CardsSkeleton } from '../shared/CardsSkeleton';
import { EmptyPanel } from '../shared/EmptyPanel';
import { EcsDeploySetup } from '../shared/EcsDeploySetup';
import { RequestError } from '../shared/RequestError';
import { DeliveryMetricsCard } from './DeliveryMetricsCard';
import { EnvironmentsStrip } from './EnvironmentsStrip';
import { HistoryTable } from './HistoryTable';
import { PortalActionsCard } from './PortalActionsCard';
import { RunningTasksCard } from './RunningTasksCard';

/** Without signals, how often the strip is read while something moves. */
export const OVERVIEW_FALLBACK_REFRESH_MS = 30_000;

const DeploymentsView = () => {
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const [params, setParams] = useSearchParams();
  const overview = useEnvironments();
  const ledger = useLedger();
  const tasks = useRunningTasks();
  const { reload: reloadTasks } = tasks;
  const [historyRefresh, setHistoryRefresh] = useState<HistoryRefresh>();
  const { reload: reloadOverview } = overview;
  const { reload: reloadLedger } = ledger;
  const refresh = useCallback(
    (options: EcsDeployReadOptions = {}) => {
      reloadOverview(options);
      reloadLedger(options);
      setHistoryRefresh({ ...options });
    },
    [reloadOverview, reloadLedger],
  );
  // A signal says an environment changed: what the tab shows of it is the
  // strip, the newest history, the ledger and that environment's tasks
  // (several signals at once, held while the page was hidden: all tasks).
  const { isSignalsAvailable } = useEntitySignal(
    (signals: EcsDeploySignal[]) => {
      refresh({ fresh: true });
      reloadTasks({
        environment: signals.length === 1 ? signals[0].environment : undefined,
        fresh: true,
      });
    },
  );
  // Without signals, keep the strip current while something moves; the
  // backend coalesces viewers, so this costs AWS one read per interval
  // however many look.
  usePolling(
    overview.reload,
    OVERVIEW_FALLBACK_REFRESH_MS,
    !isSignalsAvailable && overview.moving,
  );
  const onChanged = useCallback(() => {
    refresh();
    reloadTasks();
  }, [refresh, reloadTasks]);

  const environmentFilter = params.get('env') ?? undefined;
  const statusFilter =
    (params.get('status') as DeploymentStatus | null) ?? undefined;
  const filters: HistoryFilters = useMemo(
    () => ({ environment: environmentFilter, status: statusFilter }),
    [environmentFilter, statusFilter],
  );
  const deploymentId = params.get('deployment');
  const detailEnvironment = params.get('environment');
  const showsDetail = Boolean(deploymentId && detailEnvironment);
  // Read with the strip, not after it: the first rows wait for one answer.
  const history = useHistory(filters, historyRefresh, !showsDetail);
  const setFilters = useCallback(
    (next: HistoryFilters) => {
      const updated = new URLSearchParams();
      if (next.environment) updated.set('env', next.environment);
      if (next.status) updated.set('status', next.status);
      setParams(updated, { replace: true });
    },
    [setParams],
  );
  if (deploymentId && detailEnvironment) {
    const back = new URLSearchParams(params);
    back.delete('deployment');
    back.delete('environment');
    return (
      <DeploymentDetailView
        deploymentId={deploymentId}
        environment={detailEnvironment}
        overview={overview.value?.environments.find(
          e => e.name === detailEnvironment,
        )}
        backTo={`?${back.toString()}`}
        onChanged={onChanged}
      />
    );
  }

  if (overview.loading && !overview.value) {
    return <CardsSkeleton label={t('deployments.loadingEnvironments')} />;
  }
  if (overview.error) {
    return <RequestError error={overview.error} retry={overview.retry} />;
  }
  const environments = overview.value?.environments ?? [];
  if (environments.length === 0) {
    return (
      <EmptyPanel
        title={t('deployments.emptyTitle')}
        description={t('deployments.emptyDescription')}
      />
    );
  }
  const names = environments.map(e => e.name);

  const hasLedger = Boolean(ledger.value?.length);
  return (
    <Flex direction="column" gap="5">
      <EnvironmentsStrip environments={environments} onChanged={onChanged} />
      <DeliveryMetricsCard environments={names} />
      <Grid.Root columns={{ initial: '1', lg: '12' }} gap="5">
        <Grid.Item colSpan={{ initial: '1', lg: hasLedger ? '9' : '12' }}>
          <HistoryTable
            environments={names}
            ledger={ledger.value ?? []}
            filters={filters}
            onFiltersChange={setFilters}
            history={history}
          />
        </Grid.Item>
        {hasLedger && (
          <Grid.Item colSpan={{ initial: '1', lg: '3' }}>
            <PortalActionsCard entries={ledger.value ?? []} />
          </Grid.Item>
        )}
      </Grid.Root>
      <RunningTasksCard
        environments={tasks.environments}
        loading={tasks.loading}
        error={tasks.error}
        retry={tasks.retry}
      />
    </Flex>
  );
};

/**
 * The entity's Deployments tab. One deployment's detail opens in place via
 * `?deployment=<id>&environment=<env>`, so the link can be shared and the
 * browser's back button returns to the list with its filters
 * (`?env=`/`?status=`).
 */
export const EcsDeploymentsContent = () => {
  const { entity } = useEntity();
  if (!isEcsDeployAvailable(entity)) {
    return <EcsDeploySetup />;
  }
  return <DeploymentsView />;
};
