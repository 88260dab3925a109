import { act } from 'react';
import { screen } from '@testing-library/react';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  ecsDeploySignal,
  FakeSignalApi,
} from '../../__testUtils__/fakeSignals';
import { setPageVisibility } from '../../__testUtils__/pageVisibility';
import {
  environmentsResponse,
  historyItems,
  ledgerEntry,
} from '../../__fixtures__/data';
import { EcsDeploymentsContent } from './EcsDeploymentsContent';

const TEN_MINUTES = 10 * 60_000;

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

/** prod's deployment waits for someone: the strip has something moving. */
function liveApi() {
  return fakeApi({
    getEnvironments: jest.fn().mockResolvedValue(environmentsResponse),
    getHistory: jest.fn().mockResolvedValue({ items: historyItems }),
    getLedger: jest.fn().mockResolvedValue({ items: [ledgerEntry] }),
  });
}

/** The timeline's reads, not the delivery metrics' (those ask for 100 of one environment). */
function timelineReads(api: ReturnType<typeof liveApi>) {
  return api.getHistory.mock.calls.filter(([, query]) => !query?.environment);
}

async function renderTab(options: {
  api: ReturnType<typeof liveApi>;
  signals?: FakeSignalApi;
}) {
  await renderWithEntity(<EcsDeploymentsContent />, options);
  expect(await screen.findByLabelText('prod environment')).toBeInTheDocument();
  await advance(0);
}

describe('EcsDeploymentsContent live updates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    setPageVisibility('visible');
    jest.useRealTimers();
  });

  it('reads the strip, the newest history and the ledger again, fresh, on a signal', async () => {
    const api = liveApi();
    const signals = new FakeSignalApi();
    await renderTab({ api, signals });
    expect(api.getEnvironments).toHaveBeenCalledTimes(1);
    expect(timelineReads(api)).toHaveLength(1);
    expect(api.getLedger).toHaveBeenCalledTimes(1);

    signals.broadcast(ecsDeploySignal('prod', { status: 'SUCCEEDED' }));
    await advance(0);

    expect(api.getEnvironments).toHaveBeenCalledTimes(2);
    expect(api.getEnvironments).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      { fresh: true },
    );
    const reads = timelineReads(api);
    expect(reads).toHaveLength(2);
    expect(reads[1][1]).toEqual(
      expect.objectContaining({ cursor: undefined, limit: 50 }),
    );
    expect(reads[1][2]).toEqual({ fresh: true });
    expect(api.getLedger).toHaveBeenCalledTimes(2);
    expect(api.getLedger).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ fresh: true }),
    );
  });

  it('with signals, does not poll while a deployment moves', async () => {
    const api = liveApi();
    await renderTab({ api, signals: new FakeSignalApi() });
    await advance(TEN_MINUTES);
    expect(api.getEnvironments).toHaveBeenCalledTimes(1);
    expect(timelineReads(api)).toHaveLength(1);
    expect(api.getLedger).toHaveBeenCalledTimes(1);
  });

  it('without signals, polls the strip every 30 s while a deployment moves', async () => {
    const api = liveApi();
    await renderTab({ api });
    await advance(29_000);
    expect(api.getEnvironments).toHaveBeenCalledTimes(1);
    await advance(1_000);
    expect(api.getEnvironments).toHaveBeenCalledTimes(2);
    expect(api.getEnvironments).toHaveBeenLastCalledWith(
      expect.anything(),
      undefined,
    );
    await advance(30_000);
    expect(api.getEnvironments).toHaveBeenCalledTimes(3);
  });

  it('without signals, polls nothing while the page is hidden and once when it shows', async () => {
    const api = liveApi();
    await renderTab({ api });
    setPageVisibility('hidden');
    await advance(TEN_MINUTES);
    expect(api.getEnvironments).toHaveBeenCalledTimes(1);
    setPageVisibility('visible');
    await advance(0);
    expect(api.getEnvironments).toHaveBeenCalledTimes(2);
  });

  it('with signals, reads nothing while the page is hidden, then once for what changed meanwhile', async () => {
    const api = liveApi();
    const signals = new FakeSignalApi();
    await renderTab({ api, signals });
    setPageVisibility('hidden');
    signals.broadcast(ecsDeploySignal('prod'));
    signals.broadcast(ecsDeploySignal('staging'));
    await advance(TEN_MINUTES);
    expect(api.getEnvironments).toHaveBeenCalledTimes(1);

    setPageVisibility('visible');
    await advance(0);
    expect(api.getEnvironments).toHaveBeenCalledTimes(2);
    expect(api.getEnvironments).toHaveBeenLastCalledWith(expect.anything(), {
      fresh: true,
    });
  });
});
