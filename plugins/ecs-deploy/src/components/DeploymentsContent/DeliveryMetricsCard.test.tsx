import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DeliveryMetricsQuery,
  computeDeliveryMetrics,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import { summary } from '../../__fixtures__/data';
import { DeliveryMetricsCard } from './DeliveryMetricsCard';

const HOUR = 60 * 60 * 1000;

function hoursAgo(hours: number) {
  return new Date(Date.now() - hours * HOUR).toISOString();
}

const history = [
  summary({
    id: 'codedeploy:d-3',
    startedAt: hoursAgo(2),
    durationMs: 5 * 60_000,
  }),
  summary({
    id: 'codedeploy:d-2',
    startedAt: hoursAgo(30),
    status: 'ROLLED_BACK',
  }),
  summary({
    id: 'codedeploy:d-1',
    startedAt: hoursAgo(50),
    durationMs: 9 * 60_000,
  }),
];

/** The backend's answer: the shared computation over `history`. */
const getMetrics = () =>
  jest.fn(async (_entity, query: DeliveryMetricsQuery = {}) => {
    const now = Date.now();
    const windowDays = query.windowDays ?? 30;
    return {
      entityRef: 'component:default/payments-api',
      windowDays,
      asOf: new Date(now).toISOString(),
      metrics: computeDeliveryMetrics(history, {
        now,
        windowDays,
        environment: query.environment,
      }),
    };
  });

describe('DeliveryMetricsCard', () => {
  it('shows the metrics of the last environment with a chart each, from one request', async () => {
    const metrics = getMetrics();
    const getHistory = jest.fn();
    await renderWithEntity(
      <DeliveryMetricsCard environments={['dev', 'staging', 'prod']} />,
      { api: fakeApi({ getMetrics: metrics, getHistory }) },
    );

    expect(
      await screen.findByRole('img', { name: 'Deployments per day' }),
    ).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText('33%')).toBeInTheDocument(); // 1 of 3 rolled back
    expect(screen.getByText('7m')).toBeInTheDocument(); // median of 5m and 9m
    expect(metrics).toHaveBeenCalledTimes(1);
    expect(metrics).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      { windowDays: 30, environment: 'prod' },
    );
    // The history is not read for the metrics.
    expect(getHistory).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: /Window$/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Last 90 days' }));
    expect(
      await screen.findByRole('img', { name: 'Deployments per week' }),
    ).toBeInTheDocument();
    expect(metrics).toHaveBeenCalledTimes(2);
    expect(metrics).toHaveBeenLastCalledWith(expect.anything(), {
      windowDays: 90,
      environment: 'prod',
    });
  });

  it('says when the window has no deployments', async () => {
    await renderWithEntity(<DeliveryMetricsCard environments={['prod']} />, {
      api: fakeApi(),
    });
    expect(
      await screen.findByText('No deployments in this window.'),
    ).toBeInTheDocument();
  });

  it('shows the error with a retry', async () => {
    const failing = jest
      .fn()
      .mockRejectedValue(
        await responseError(503, 'Throttled by AWS, retry in 1 s'),
      );
    await renderWithEntity(<DeliveryMetricsCard environments={['prod']} />, {
      api: fakeApi({ getMetrics: failing }),
    });
    expect(
      (await screen.findAllByText(/Throttled by AWS/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
