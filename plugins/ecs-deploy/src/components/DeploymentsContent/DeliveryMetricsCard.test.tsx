import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import { summary } from '../../__fixtures__/data';
import { DeliveryMetricsCard } from './DeliveryMetricsCard';

const HOUR = 60 * 60 * 1000;

function hoursAgo(hours: number) {
  return new Date(Date.now() - hours * HOUR).toISOString();
}

describe('DeliveryMetricsCard', () => {
  it('shows the metrics of the last environment with a chart each', async () => {
    const getHistory = jest.fn().mockResolvedValue({
      items: [
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
      ],
    });
    await renderWithEntity(
      <DeliveryMetricsCard environments={['dev', 'staging', 'prod']} />,
      { api: fakeApi({ getHistory }) },
    );

    expect(
      await screen.findByRole('img', { name: 'Deployments per day' }),
    ).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText('33%')).toBeInTheDocument(); // 1 of 3 rolled back
    expect(screen.getByText('7m')).toBeInTheDocument(); // median of 5m and 9m
    expect(getHistory).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ environment: 'prod', limit: 100 }),
    );

    await userEvent.click(screen.getByRole('button', { name: /Window$/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Last 90 days' }));
    expect(
      await screen.findByRole('img', { name: 'Deployments per week' }),
    ).toBeInTheDocument();
  });

  it('reads no further back than the window', async () => {
    const getHistory = jest.fn().mockResolvedValueOnce({
      items: [
        summary({ id: 'codedeploy:d-old', startedAt: hoursAgo(24 * 40) }),
      ],
      nextCursor: 'more',
    });
    await renderWithEntity(<DeliveryMetricsCard environments={['prod']} />, {
      api: fakeApi({ getHistory }),
    });
    expect(
      await screen.findByText('No deployments in this window.'),
    ).toBeInTheDocument();
    expect(getHistory).toHaveBeenCalledTimes(1);
  });

  it('shows the error with a retry', async () => {
    const getHistory = jest
      .fn()
      .mockRejectedValue(
        await responseError(503, 'Throttled by AWS, retry in 1 s'),
      );
    await renderWithEntity(<DeliveryMetricsCard environments={['prod']} />, {
      api: fakeApi({ getHistory }),
    });
    expect(
      (await screen.findAllByText(/Throttled by AWS/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
