import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Button, Flex, Text } from '@backstage/ui';
import { TrafficResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { usePolling } from '../../hooks/usePolling';
import { isEcsDeployAvailable } from '../../isEcsDeployAvailable';
import { ecsDeployTranslationRef } from '../../translation';
import { CardsSkeleton } from '../shared/CardsSkeleton';
import { EmptyPanel } from '../shared/EmptyPanel';
import { EcsDeploySetup } from '../shared/EcsDeploySetup';
import { RequestError } from '../shared/RequestError';
import { EnvironmentTrafficCard } from './EnvironmentTrafficCard';
import { SplitChanges, updateSplitChanges } from './splitChanges';

/**
 * Props of the Traffic tab.
 *
 * @public
 */
export type EcsTrafficContentProps = {
  /** How often to refresh while a deployment moves traffic; default 5 s. */
  refreshIntervalMs?: number;
  /**
   * How often to look for a new deployment while none moves traffic;
   * default 30 s. The backend answers these from its cache.
   */
  idleRefreshIntervalMs?: number;
};

type State = {
  value?: TrafficResponse;
  /** Local time the value arrived. */
  receivedAt: number;
  error?: Error;
  loading: boolean;
  changes: SplitChanges;
};

const TrafficView = ({
  refreshIntervalMs,
  idleRefreshIntervalMs,
}: Required<EcsTrafficContentProps>) => {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const [state, setState] = useState<State>({
    loading: true,
    changes: {},
    receivedAt: 0,
  });
  const previous = useRef<TrafficResponse>();

  const load = useCallback(async () => {
    try {
      const value = await api.getTraffic(entityRef);
      const receivedAt = Date.now();
      setState(s => ({
        value,
        receivedAt,
        loading: false,
        changes: updateSplitChanges(previous.current, value, s.changes),
      }));
      previous.current = value;
    } catch (error) {
      // Keep the last snapshot on screen; say the refresh failed.
      setState(s => ({ ...s, loading: false, error: error as Error }));
    }
  }, [api, entityRef]);

  useEffect(() => {
    load();
  }, [load]);

  const moving = Boolean(
    state.value?.environments.some(e => e.shift && e.shift.phase !== 'DONE'),
  );
  // Fast while traffic moves; slowly otherwise, so a deployment started
  // elsewhere (a pipeline, the console) shows up without a reload.
  const intervalMs = moving ? refreshIntervalMs : idleRefreshIntervalMs;
  // A failed refresh keeps the last snapshot and polling goes on, so the
  // tab recovers by itself; only a first load that failed (nothing to show,
  // a Retry button instead) waits for the person.
  usePolling(load, intervalMs, Boolean(state.value) || !state.error);

  if (state.loading) {
    return (
      <CardsSkeleton label={t('traffic.loading')} count={1} columns={12} />
    );
  }
  if (state.error && !state.value) {
    return <RequestError error={state.error} retry={load} />;
  }
  const environments = state.value?.environments ?? [];
  if (environments.length === 0) {
    return (
      <EmptyPanel
        title={t('traffic.emptyTitle')}
        description={t('traffic.emptyDescription')}
      />
    );
  }

  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        <Flex align="center" gap="4">
          <Text as="p" variant="body-medium" color="secondary" role="status">
            {moving
              ? t('traffic.moving', {
                  seconds: String(Math.round(refreshIntervalMs / 1000)),
                })
              : t('traffic.idle', {
                  seconds: String(Math.round(idleRefreshIntervalMs / 1000)),
                })}
          </Text>
          <Button
            size="small"
            variant="secondary"
            onPress={() => {
              setState(s => ({ ...s, error: undefined }));
              load();
            }}
          >
            {t('traffic.refreshNow')}
          </Button>
        </Flex>
        {state.error && (
          <RequestError
            error={state.error}
            title={t('traffic.lastRefreshFailed')}
          />
        )}
      </Flex>
      {environments.map(env => (
        <EnvironmentTrafficCard
          key={env.environment}
          env={env}
          changes={state.changes}
          receivedAt={state.receivedAt}
          onChanged={load}
        />
      ))}
    </Flex>
  );
};

/**
 * The entity's Traffic tab. It refreshes every few seconds while any
 * environment has a shift under way, and every half minute otherwise to
 * notice a new deployment (answered from the backend's cache).
 */
export const EcsTrafficContent = ({
  refreshIntervalMs = 5000,
  idleRefreshIntervalMs = 30_000,
}: EcsTrafficContentProps) => {
  const { entity } = useEntity();
  if (!isEcsDeployAvailable(entity)) {
    return <EcsDeploySetup />;
  }
  return (
    <TrafficView
      refreshIntervalMs={refreshIntervalMs}
      idleRefreshIntervalMs={idleRefreshIntervalMs}
    />
  );
};
