import { renderHook } from '@testing-library/react';
import { act } from 'react';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function advance(ms: number) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(ms);
    });
  }

  it('polls while active', async () => {
    const poll = jest.fn().mockResolvedValue(undefined);
    renderHook(() => usePolling(poll, 1000, true));
    await advance(3500);
    expect(poll).toHaveBeenCalledTimes(3);
  });

  it('does not poll while inactive', async () => {
    const poll = jest.fn();
    renderHook(() => usePolling(poll, 1000, false));
    await advance(10_000);
    expect(poll).not.toHaveBeenCalled();
  });

  it('stops when it becomes inactive and keeps going after a failed poll', async () => {
    const poll = jest
      .fn()
      .mockRejectedValueOnce(new Error('throttled'))
      .mockResolvedValue(undefined);
    const { rerender } = renderHook(
      ({ active }) => usePolling(poll, 1000, active),
      {
        initialProps: { active: true },
      },
    );
    await advance(2500);
    expect(poll).toHaveBeenCalledTimes(2);
    rerender({ active: false });
    await advance(10_000);
    expect(poll).toHaveBeenCalledTimes(2);
  });
});
