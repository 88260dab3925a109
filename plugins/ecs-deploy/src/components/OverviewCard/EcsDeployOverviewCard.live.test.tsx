import { act } from 'react';
import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  ecsDeploySignal,
  FakeSignalApi,
} from '../../__testUtils__/fakeSignals';
import { setPageVisibility } from '../../__testUtils__/pageVisibility';
import { environment, environmentsResponse } from '../../__fixtures__/data';
import { EcsDeployOverviewCard } from './EcsDeployOverviewCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

async function renderCard(options: {
  getEnvironments: jest.Mock;
  signals?: FakeSignalApi;
}) {
  const api = fakeApi({ getEnvironments: options.getEnvironments });
  await renderWithEntity(<EcsDeployOverviewCard />, {
    api,
    mountedRoutes,
    signals: options.signals,
  });
  return screen.findByRole('table', { name: 'ECS environments' });
}

describe('EcsDeployOverviewCard live updates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    setPageVisibility('visible');
    jest.useRealTimers();
  });

  it('reads again, fresh, on a signal and keeps the table meanwhile', async () => {
    const [dev, staging] = environmentsResponse.environments;
    const done = {
      ...environmentsResponse,
      environments: [dev, staging, environment('prod')],
    };
    let answer: (value: unknown) => void = () => {};
    const getEnvironments = jest
      .fn()
      .mockResolvedValueOnce(environmentsResponse)
      .mockImplementationOnce(() => new Promise(r => (answer = r)));
    const signals = new FakeSignalApi();
    const table = await renderCard({ getEnvironments, signals });
    expect(within(table).getByText('Waiting')).toBeInTheDocument();

    signals.broadcast(ecsDeploySignal('prod', { status: 'SUCCEEDED' }));
    expect(getEnvironments).toHaveBeenCalledTimes(2);
    expect(getEnvironments).toHaveBeenLastCalledWith(expect.anything(), {
      fresh: true,
    });
    expect(screen.getByRole('table', { name: 'ECS environments' })).toBe(table);

    await act(async () => answer(done));
    const prod = within(table).getByRole('row', { name: /prod/ });
    expect(within(prod).getByText('Succeeded')).toBeInTheDocument();
  });

  it('with signals, does not poll while a deployment moves', async () => {
    const getEnvironments = jest.fn().mockResolvedValue(environmentsResponse);
    await renderCard({ getEnvironments, signals: new FakeSignalApi() });
    await advance(10 * 60_000);
    expect(getEnvironments).toHaveBeenCalledTimes(1);
  });

  it('without signals, reads again every 30 s while a deployment moves, not while hidden', async () => {
    const getEnvironments = jest.fn().mockResolvedValue(environmentsResponse);
    await renderCard({ getEnvironments });
    await advance(30_000);
    expect(getEnvironments).toHaveBeenCalledTimes(2);
    setPageVisibility('hidden');
    await advance(10 * 60_000);
    expect(getEnvironments).toHaveBeenCalledTimes(2);
  });
});
