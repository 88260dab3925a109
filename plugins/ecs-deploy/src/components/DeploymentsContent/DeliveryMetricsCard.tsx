import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Grid, Select, Text } from '@backstage/ui';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DeliveryMetric } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { formatDuration } from '../../utils/format';
import { BarChart } from '../charts';
import { ecsDeployTranslationRef } from '../../translation';
import { RequestError } from '../shared/RequestError';
import { SectionCard } from '../shared/SectionCard';
import { ALL, fromOption, toOption } from '../shared/selectOptions';

const WINDOWS = [7, 30, 90];

/**
 * The metrics of the window, computed by the backend over the whole
 * history in one request (the browser reads no history pages for them).
 */
function useDeliveryMetrics(
  windowDays: number,
  environment: string | undefined,
) {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  return useAsyncRetry(
    async () =>
      (await api.getMetrics(entityRef, { windowDays, environment })).metrics,
    [api, entityRef, windowDays, environment],
  );
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
  metric: DeliveryMetric;
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
  const request = useDeliveryMetrics(windowDays, environment);
  const metrics = request.value;

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
  if (request.loading) {
    body = <Progress aria-label="Loading delivery metrics" />;
  } else if (request.error) {
    body = <RequestError error={request.error} retry={request.retry} />;
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
