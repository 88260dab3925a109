import { useMemo, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { useStableId } from '../../hooks/useStableId';
import { computeDeliveryMetrics, Metric } from '../../utils/metrics';
import { formatDuration } from '../../utils/format';
import { BarChart } from '../charts';
import { RequestError } from '../shared/RequestError';

const WINDOWS = [7, 30, 90];
/** Enough for a busy service's quarter without reading all of history. */
const MAX_PAGES = 10;

/**
 * Reads the history back to the start of the window, a page of 100 at a
 * time, and no further: metrics over 30 days must not read a year.
 */
function useWindowHistory(windowDays: number, environment: string | undefined) {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  return useAsyncRetry(async () => {
    const windowStart = Date.now() - windowDays * 24 * 60 * 60 * 1000;
    const items: DeploymentSummary[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await api.getHistory(entityRef, {
        environment,
        cursor,
        limit: 100,
      });
      items.push(...result.items);
      cursor = result.nextCursor;
      const oldest = result.items[result.items.length - 1]?.startedAt;
      if (!cursor || (oldest && Date.parse(oldest) < windowStart)) {
        break;
      }
    }
    return items;
  }, [api, entityRef, windowDays, environment]);
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

const MetricTile = ({
  title,
  metric,
  format,
  bucketDays,
  tone,
}: {
  title: string;
  metric: Metric;
  format: (v: number) => string;
  bucketDays: number;
  tone?: 'primary' | 'error';
}) => (
  <Box>
    <Typography variant="overline" color="textSecondary">
      {title}
    </Typography>
    <Typography variant="h5" component="p">
      {metric.value === undefined ? '–' : format(metric.value)}
    </Typography>
    <BarChart
      ariaLabel={`${title} per ${bucketDays === 1 ? 'day' : 'week'}`}
      points={metric.buckets.map(b => ({ label: b.start, value: b.value }))}
      formatValue={format}
      tone={tone}
    />
  </Box>
);

/**
 * Delivery metrics of one environment over a chosen window, each a number
 * and a small bar chart per day (per week for long windows).
 */
export const DeliveryMetricsCard = ({
  environments,
}: {
  environments: string[];
}) => {
  const [windowDays, setWindowDays] = useState(30);
  const [environment, setEnvironment] = useState<string | undefined>(
    environments[environments.length - 1],
  );
  const windowLabel = useStableId('ecs-metrics-window');
  const envLabel = useStableId('ecs-metrics-env');
  const history = useWindowHistory(windowDays, environment);
  const metrics = useMemo(
    () =>
      history.value &&
      computeDeliveryMetrics(history.value, {
        now: Date.now(),
        windowDays,
        environment,
      }),
    [history.value, windowDays, environment],
  );

  const controls = (
    <Box display="flex" style={{ gap: 16 }}>
      <FormControl size="small">
        <InputLabel id={envLabel} shrink>
          Environment
        </InputLabel>
        <Select
          labelId={envLabel}
          id={`${envLabel}-select`}
          displayEmpty
          value={environment ?? ''}
          onChange={e =>
            setEnvironment((e.target.value as string) || undefined)
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
      <FormControl size="small">
        <InputLabel id={windowLabel}>Window</InputLabel>
        <Select
          labelId={windowLabel}
          id={`${windowLabel}-select`}
          value={windowDays}
          onChange={e => setWindowDays(Number(e.target.value))}
        >
          {WINDOWS.map(days => (
            <MenuItem key={days} value={days}>
              Last {days} days
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </Box>
  );

  let body;
  if (history.loading) {
    body = <Progress aria-label="Loading delivery metrics" />;
  } else if (history.error) {
    body = <RequestError error={history.error} retry={history.retry} />;
  } else if (!metrics || metrics.frequency.value === 0) {
    body = <Typography>No deployments in this window.</Typography>;
  } else {
    const d = metrics.bucketDays;
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6} md>
          <MetricTile
            title="Deployments"
            metric={metrics.frequency}
            format={v => String(v)}
            bucketDays={d}
          />
        </Grid>
        <Grid item xs={12} sm={6} md>
          <MetricTile
            title="Change failure rate"
            metric={metrics.changeFailureRate}
            format={percent}
            bucketDays={d}
            tone="error"
          />
        </Grid>
        <Grid item xs={12} sm={6} md>
          <MetricTile
            title="Median duration"
            metric={metrics.medianDuration}
            format={formatDuration}
            bucketDays={d}
          />
        </Grid>
        <Grid item xs={12} sm={6} md>
          <MetricTile
            title="Lead time"
            metric={metrics.leadTime}
            format={formatDuration}
            bucketDays={d}
          />
        </Grid>
        <Grid item xs={12} sm={6} md>
          <MetricTile
            title="Time to restore"
            metric={metrics.timeToRestore}
            format={formatDuration}
            bucketDays={d}
            tone="error"
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <InfoCard title="Delivery metrics" action={controls}>
      {body}
    </InfoCard>
  );
};
