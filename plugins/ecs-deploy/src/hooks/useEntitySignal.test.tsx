import { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ecsDeploySignalChannel } from '@ecs-deploy/plugin-ecs-deploy-common';
import { testEntity } from '../__testUtils__/renderWithEntity';
import { ecsDeploySignal, FakeSignalApi } from '../__testUtils__/fakeSignals';
import { setPageVisibility } from '../__testUtils__/pageVisibility';
import { useEntitySignal } from './useEntitySignal';

const channel = ecsDeploySignalChannel('component:default/payments-api');

function wrapper(signals: FakeSignalApi | undefined) {
  return ({ children }: { children: ReactNode }) => {
    const page = (
      <EntityProvider entity={testEntity}>{children}</EntityProvider>
    );
    return signals ? (
      <TestApiProvider apis={[[signalApiRef, signals]]}>{page}</TestApiProvider>
    ) : (
      <TestApiProvider apis={[]}>{page}</TestApiProvider>
    );
  };
}

describe('useEntitySignal', () => {
  afterEach(() => setPageVisibility('visible'));

  it("listens on the entity's channel and hands on every signal", () => {
    const signals = new FakeSignalApi();
    const onSignals = jest.fn();
    const { result, unmount } = renderHook(() => useEntitySignal(onSignals), {
      wrapper: wrapper(signals),
    });
    expect(result.current.isSignalsAvailable).toBe(true);
    expect(signals.channels()).toEqual([channel]);

    signals.publish(channel, ecsDeploySignal('staging'));
    signals.publish(channel, ecsDeploySignal('prod', { waiting: true }));
    expect(onSignals.mock.calls).toEqual([
      [[ecsDeploySignal('staging')]],
      [[ecsDeploySignal('prod', { waiting: true })]],
    ]);
    expect(result.current.lastSignal).toEqual(
      ecsDeploySignal('prod', { waiting: true }),
    );

    unmount();
    expect(signals.channels()).toEqual([]);
  });

  it('ignores what is no ECS Deploy signal and what other channels say', () => {
    const signals = new FakeSignalApi();
    const onSignals = jest.fn();
    renderHook(() => useEntitySignal(onSignals), {
      wrapper: wrapper(signals),
    });
    signals.publish(channel, { hello: 'world' } as never);
    signals.publish(
      ecsDeploySignalChannel('component:default/other'),
      ecsDeploySignal('prod'),
    );
    expect(onSignals).not.toHaveBeenCalled();
  });

  it('holds signals while the page is hidden and hands on the latest of each environment when it shows', () => {
    const signals = new FakeSignalApi();
    const onSignals = jest.fn();
    renderHook(() => useEntitySignal(onSignals), {
      wrapper: wrapper(signals),
    });
    setPageVisibility('hidden');
    signals.publish(
      channel,
      ecsDeploySignal('prod', { status: 'IN_PROGRESS' }),
    );
    signals.publish(channel, ecsDeploySignal('staging'));
    signals.publish(channel, ecsDeploySignal('prod', { status: 'SUCCEEDED' }));
    expect(onSignals).not.toHaveBeenCalled();

    setPageVisibility('visible');
    expect(onSignals).toHaveBeenCalledTimes(1);
    expect(onSignals).toHaveBeenCalledWith([
      ecsDeploySignal('prod', { status: 'SUCCEEDED' }),
      ecsDeploySignal('staging'),
    ]);
    // Shown again with nothing new: nothing to hand on.
    setPageVisibility('hidden');
    setPageVisibility('visible');
    expect(onSignals).toHaveBeenCalledTimes(1);
  });

  it('says when the app has no signals', () => {
    const { result } = renderHook(() => useEntitySignal(jest.fn()), {
      wrapper: wrapper(undefined),
    });
    expect(result.current).toEqual({
      lastSignal: null,
      isSignalsAvailable: false,
    });
  });
});
