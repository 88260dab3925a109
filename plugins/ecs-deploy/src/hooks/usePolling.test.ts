import { renderHook } from '@testing-library/react';
import { act } from 'react';
import { setPageVisibility } from '../__testUtils__/pageVisibility';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    setPageVisibility('visible');
    jest.useRealTimers();
  });

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

  it('does not poll while the page is hidden, and polls once when it shows again', async () => {
    const poll = jest.fn().mockResolvedValue(undefined);
    renderHook(() => usePolling(poll, 1000, true));
    await advance(500);
    setPageVisibility('hidden');
    await advance(10_000);
    expect(poll).not.toHaveBeenCalled();

    setPageVisibility('visible');
    await advance(0);
    expect(poll).toHaveBeenCalledTimes(1);
    // Then the usual pace again, from that poll.
    await advance(999);
    expect(poll).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('shown again before a poll came due, waits for the rest of the interval', async () => {
    const poll = jest.fn().mockResolvedValue(undefined);
    renderHook(() => usePolling(poll, 1000, true));
    await advance(300);
    setPageVisibility('hidden');
    await advance(300);
    setPageVisibility('visible');
    await advance(399);
    expect(poll).not.toHaveBeenCalled();
    await advance(1);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('does not start on a hidden page, nor poll when shown if inactive', async () => {
    const poll = jest.fn().mockResolvedValue(undefined);
    setPageVisibility('hidden');
    const { rerender } = renderHook(
      ({ active }) => usePolling(poll, 1000, active),
      { initialProps: { active: true } },
    );
    await advance(5000);
    expect(poll).not.toHaveBeenCalled();
    rerender({ active: false });
    setPageVisibility('visible');
    await advance(5000);
    expect(poll).not.toHaveBeenCalled();
  });
});
