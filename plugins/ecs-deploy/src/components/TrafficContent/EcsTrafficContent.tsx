import { useCallback, useEffect, useRef, useState } from 'react';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { TrafficResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { usePolling } from '../../hooks/usePolling';
import { isEcsDeployAvailable } from '../../isEcsDeployAvailable';
import { CardsSkeleton } from '../shared/CardsSkeleton';
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
  usePolling(load, intervalMs, !state.error);

  if (state.loading) {
    return <CardsSkeleton label="Loading traffic" count={1} columns={12} />;
  }
  if (state.error && !state.value) {
    return <RequestError error={state.error} retry={load} />;
  }
  const environments = state.value?.environments ?? [];
  if (environments.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No traffic to show"
        description="None of the entity's ECS services sits behind a load balancer the plugin can read."
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <Typography variant="body2" color="textSecondary" role="status">
            {moving
              ? `A deployment is moving traffic: refreshing every ${Math.round(
                  refreshIntervalMs / 1000,
                )} s.`
              : `No deployment in progress: checking every ${Math.round(
                  idleRefreshIntervalMs / 1000,
                )} s.`}
          </Typography>
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              setState(s => ({ ...s, error: undefined }));
              load();
            }}
          >
            Refresh now
          </Button>
        </Box>
        {state.error && (
          <RequestError error={state.error} title="The last refresh failed" />
        )}
      </Grid>
      {environments.map(env => (
        <Grid item xs={12} key={env.environment}>
          <EnvironmentTrafficCard
            env={env}
            changes={state.changes}
            receivedAt={state.receivedAt}
            onChanged={load}
          />
        </Grid>
      ))}
    </Grid>
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
