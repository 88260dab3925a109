import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Button, Flex, Text } from '@backstage/ui';
import { EcsDeploySignal } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployReadOptions, ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { useEntitySignal } from '../../hooks/useEntitySignal';
import { usePolling } from '../../hooks/usePolling';
import { isEcsDeployAvailable } from '../../isEcsDeployAvailable';
import { ecsDeployTranslationRef } from '../../translation';
import { CardsSkeleton } from '../shared/CardsSkeleton';
import { EmptyPanel } from '../shared/EmptyPanel';
import { EcsDeploySetup } from '../shared/EcsDeploySetup';
import { RequestError } from '../shared/RequestError';
import { EnvironmentTrafficCard } from './EnvironmentTrafficCard';
import {
  applyTrafficRead,
  emptyTrafficSnapshot,
  TrafficSnapshot,
} from './trafficSnapshot';

/**
 * Props of the Traffic tab.
 *
 * @public
 */
export type EcsTrafficContentProps = {
  /**
   * In an app without signals, how often to refresh while a deployment
   * moves traffic; default 5 s.
   */
  refreshIntervalMs?: number;
  /**
   * In an app without signals, how often to look for a new deployment while
   * none moves traffic; default 30 s. The backend answers these from its
   * cache.
   */
  idleRefreshIntervalMs?: number;
};

type State = {
  snapshot: TrafficSnapshot;
  error?: Error;
  loading: boolean;
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
    snapshot: emptyTrafficSnapshot,
  });
  const reads = useRef(0);

  const read = useCallback(
    async (options: { environment?: string } & EcsDeployReadOptions = {}) => {
      const number = ++reads.current;
      try {
        const response = await api.getTraffic(entityRef, options);
        const receivedAt = Date.now();
        setState(s => ({
          loading: false,
          snapshot: applyTrafficRead(s.snapshot, {
            response,
            number,
            environment: options.environment,
            receivedAt,
          }),
        }));
      } catch (error) {
        // Keep the last snapshot on screen; say the refresh failed.
        setState(s => ({ ...s, loading: false, error: error as Error }));
      }
    },
    [api, entityRef],
  );
  const load = useCallback(() => read(), [read]);

  useEffect(() => {
    load();
  }, [load]);

  // A signal names the environment that changed: read that one. Several
  // at once (held while the page was hidden) are one read of all.
  const { isSignalsAvailable } = useEntitySignal((signals: EcsDeploySignal[]) =>
    read({
      environment: signals.length === 1 ? signals[0].environment : undefined,
      fresh: true,
    }),
  );

  const value = state.snapshot.response;
  const moving = Boolean(
    value?.environments.some(e => e.shift && e.shift.phase !== 'DONE'),
  );
  // Without signals: fast while traffic moves, for the person watching a
  // step and its countdown; slowly otherwise, so a deployment started
  // elsewhere (a pipeline, the console) shows up without a reload.
  const intervalMs = moving ? refreshIntervalMs : idleRefreshIntervalMs;
  // A failed refresh keeps the last snapshot and polling goes on, so the
  // tab recovers by itself; only a first load that failed (nothing to show,
  // a Retry button instead) waits for the person.
  usePolling(
    load,
    intervalMs,
    !isSignalsAvailable && (Boolean(value) || !state.error),
  );

  if (state.loading) {
    return (
      <CardsSkeleton label={t('traffic.loading')} count={1} columns={12} />
    );
  }
  if (state.error && !value) {
    return <RequestError error={state.error} retry={load} />;
  }
  const environments = value?.environments ?? [];
  if (environments.length === 0) {
    return (
      <EmptyPanel
        title={t('traffic.emptyTitle')}
        description={t('traffic.emptyDescription')}
      />
    );
  }

  const statusText = () => {
    if (isSignalsAvailable) {
      return moving ? t('traffic.liveMoving') : t('traffic.liveIdle');
    }
    return moving
      ? t('traffic.moving', {
          seconds: String(Math.round(refreshIntervalMs / 1000)),
        })
      : t('traffic.idle', {
          seconds: String(Math.round(idleRefreshIntervalMs / 1000)),
        });
  };

  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        <Flex align="center" gap="4">
          <Text as="p" variant="body-medium" color="secondary" role="status">
            {statusText()}
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
          changes={state.snapshot.changes}
          receivedAt={state.snapshot.receivedAt[env.environment] ?? 0}
          onChanged={load}
        />
      ))}
    </Flex>
  );
};

/**
 * The entity's Traffic tab. It reads an environment again when the
 * entity's signals say it changed. In an app without signals it refreshes
 * every few seconds while any environment has a shift under way, and every
 * half minute otherwise to notice a new deployment (answered from the
 * backend's cache).
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
