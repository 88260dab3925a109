import { act } from 'react';
import { screen } from '@testing-library/react';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { fakeApi } from '../../__testUtils__/fakeApi';
import {
  ecsDeploySignal,
  FakeSignalApi,
} from '../../__testUtils__/fakeSignals';
import { setPageVisibility } from '../../__testUtils__/pageVisibility';
import { trafficResponse } from '../../__fixtures__/data';
import { EcsTrafficContent } from './EcsTrafficContent';

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

/** prod shifting at `greenPercent`, staging idle. */
function twoEnvironments(greenPercent: number) {
  const [prod] = trafficResponse(greenPercent, 'SHIFTING').environments;
  const [staging] = trafficResponse(0).environments;
  return {
    environments: [{ ...staging, environment: 'staging' }, prod],
  };
}

function prodOnly(greenPercent: number) {
  return trafficResponse(greenPercent, 'SHIFTING');
}

const prodSplit = (greenPercent: number) =>
  new RegExp(
    `^Production listener :80: .*blue\\) ${
      100 - greenPercent
    }%, .*green\\) ${greenPercent}%$`,
  );

async function renderTab(getTraffic: jest.Mock, signals?: FakeSignalApi) {
  await renderWithEntity(<EcsTrafficContent />, {
    api: fakeApi({ getTraffic }),
    signals,
  });
}

describe('EcsTrafficContent live updates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    setPageVisibility('visible');
    jest.useRealTimers();
  });

  it("reads the signalled environment again, fresh, and leaves the others' as they were", async () => {
    const getTraffic = jest
      .fn()
      .mockResolvedValueOnce(twoEnvironments(10))
      .mockResolvedValueOnce(prodOnly(50));
    const signals = new FakeSignalApi();
    await renderTab(getTraffic, signals);
    expect(
      await screen.findByRole('img', { name: prodSplit(10) }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('A deployment is moving traffic: updated as it moves.'),
    ).toBeInTheDocument();

    signals.broadcast(ecsDeploySignal('prod', { status: 'IN_PROGRESS' }));
    expect(getTraffic).toHaveBeenCalledTimes(2);
    expect(getTraffic).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      { environment: 'prod', fresh: true },
    );
    expect(
      await screen.findByRole('img', { name: prodSplit(50) }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Split changed at/)).toBeInTheDocument();
    // staging stays, in its place.
    expect(
      screen.getAllByRole('heading', { name: /^(staging|prod)$/ }),
    ).toHaveLength(2);
    expect(
      screen.getAllByRole('heading', { name: /^(staging|prod)$/ })[0],
    ).toHaveTextContent('staging');
  });

  it('with signals, does not poll, not even while traffic moves', async () => {
    const getTraffic = jest.fn().mockResolvedValue(twoEnvironments(10));
    await renderTab(getTraffic, new FakeSignalApi());
    await screen.findByRole('img', { name: prodSplit(10) });
    await advance(10 * 60_000);
    expect(getTraffic).toHaveBeenCalledTimes(1);
  });

  it('without signals, polls every 5 s while traffic moves, and not while the page is hidden', async () => {
    const getTraffic = jest.fn().mockResolvedValue(twoEnvironments(10));
    await renderTab(getTraffic);
    await screen.findByRole('img', { name: prodSplit(10) });
    expect(
      screen.getByText('A deployment is moving traffic: refreshing every 5 s.'),
    ).toBeInTheDocument();
    await advance(5_000);
    expect(getTraffic).toHaveBeenCalledTimes(2);
    expect(getTraffic).toHaveBeenLastCalledWith(expect.anything(), {});

    setPageVisibility('hidden');
    await advance(10 * 60_000);
    expect(getTraffic).toHaveBeenCalledTimes(2);
    setPageVisibility('visible');
    await advance(0);
    expect(getTraffic).toHaveBeenCalledTimes(3);
  });

  it('keeps the newer answer when an older read comes back later', async () => {
    let answerAll: (value: unknown) => void = () => {};
    const getTraffic = jest
      .fn()
      .mockResolvedValueOnce(twoEnvironments(10))
      .mockImplementationOnce(() => new Promise(r => (answerAll = r)))
      .mockResolvedValueOnce(prodOnly(50));
    const signals = new FakeSignalApi();
    await renderTab(getTraffic, signals);
    await screen.findByRole('img', { name: prodSplit(10) });

    // Two signals held while hidden are one read of all; a later one of
    // prod answers first.
    setPageVisibility('hidden');
    signals.broadcast(ecsDeploySignal('prod'));
    signals.broadcast(ecsDeploySignal('staging'));
    setPageVisibility('visible');
    expect(getTraffic).toHaveBeenLastCalledWith(expect.anything(), {
      environment: undefined,
      fresh: true,
    });
    signals.broadcast(ecsDeploySignal('prod'));
    expect(
      await screen.findByRole('img', { name: prodSplit(50) }),
    ).toBeInTheDocument();

    await act(async () => answerAll(twoEnvironments(20)));
    expect(
      screen.getByRole('img', { name: prodSplit(50) }),
    ).toBeInTheDocument();
  });
});
