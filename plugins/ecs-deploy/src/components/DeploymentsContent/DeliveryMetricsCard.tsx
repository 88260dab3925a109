import { useMemo, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Grid, Select, Text } from '@backstage/ui';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DeploymentSummary } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { computeDeliveryMetrics, Metric } from '../../utils/metrics';
import { formatDuration } from '../../utils/format';
import { BarChart } from '../charts';
import { ecsDeployTranslationRef } from '../../translation';
import { RequestError } from '../shared/RequestError';
import { SectionCard } from '../shared/SectionCard';
import { ALL, fromOption, toOption } from '../shared/selectOptions';

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
  <Flex direction="column" gap="1">
    <Text
      as="p"
      variant="body-x-small"
      color="secondary"
      weight="bold"
      style={{ textTransform: 'uppercase' }}
    >
      {title}
    </Text>
    <Text as="p" variant="title-small">
      {metric.value === undefined ? '–' : format(metric.value)}
    </Text>
    <BarChart
      ariaLabel={`${title} per ${bucketDays === 1 ? 'day' : 'week'}`}
      points={metric.buckets.map(b => ({ label: b.start, value: b.value }))}
      formatValue={format}
      tone={tone}
    />
  </Flex>
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
  const { t } = useTranslationRef(ecsDeployTranslationRef);
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
    <Flex gap="4" align="end">
      <Select
        label={t('deployments.history.environmentFilter')}
        options={[
          { id: ALL, label: t('deployments.history.allEnvironments') },
          ...environments.map(env => ({ id: env, label: env })),
        ]}
        selectedKey={toOption(environment)}
        onSelectionChange={key => setEnvironment(fromOption(key))}
        style={{ minWidth: 160 }}
      />
      <Select
        label={t('deployments.metrics.window')}
        options={WINDOWS.map(days => ({
          id: String(days),
          label: t('deployments.metrics.lastDays', { days: String(days) }),
        }))}
        selectedKey={String(windowDays)}
        onSelectionChange={key => key !== null && setWindowDays(Number(key))}
        style={{ minWidth: 160 }}
      />
    </Flex>
  );

  let body;
  if (history.loading) {
    body = <Progress aria-label="Loading delivery metrics" />;
  } else if (history.error) {
    body = <RequestError error={history.error} retry={history.retry} />;
  } else if (!metrics || metrics.frequency.value === 0) {
    body = (
      <Text as="p" variant="body-medium">
        {t('deployments.metrics.empty')}
      </Text>
    );
  } else {
    const d = metrics.bucketDays;
    body = (
      <Grid.Root columns={{ initial: '1', sm: '2', md: '5' }} gap="5">
        <MetricTile
          title="Deployments"
          metric={metrics.frequency}
          format={v => String(v)}
          bucketDays={d}
        />
        <MetricTile
          title="Change failure rate"
          metric={metrics.changeFailureRate}
          format={percent}
          bucketDays={d}
          tone="error"
        />
        <MetricTile
          title="Median duration"
          metric={metrics.medianDuration}
          format={formatDuration}
          bucketDays={d}
        />
        <MetricTile
          title="Lead time"
          metric={metrics.leadTime}
          format={formatDuration}
          bucketDays={d}
        />
        <MetricTile
          title="Time to restore"
          metric={metrics.timeToRestore}
          format={formatDuration}
          bucketDays={d}
          tone="error"
        />
      </Grid.Root>
    );
  }

  return (
    <SectionCard title={t('deployments.metrics.title')} action={controls}>
      {body}
    </SectionCard>
  );
};
