import { useEffect, useRef } from 'react';
import { isPageHidden, onPageVisibilityChange } from '../utils/pageVisibility';

/**
 * Calls `poll` every `intervalMs` while `active` and the page is visible,
 * and not at all otherwise: a page left open on a quiet service, or in a
 * background tab, costs no requests. A poll that came due while the page
 * was hidden runs once as soon as it shows again. A slow response never
 * overlaps the next poll; the next one waits for it.
 */
export function usePolling(
  poll: () => Promise<unknown> | void,
  intervalMs: number,
  active: boolean,
) {
  const pollRef = useRef(poll);
  pollRef.current = poll;

  useEffect(() => {
    if (!active) {
      return undefined;
    }
    let cancelled = false;
    let polling = false;
    let lastPollAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;

    function schedule(delayMs: number) {
      clearTimeout(timer);
      timer = undefined;
      // A poll under way schedules the next one when it ends.
      if (!cancelled && !polling && !isPageHidden()) {
        timer = setTimeout(run, delayMs);
      }
    }
    async function run() {
      polling = true;
      try {
        await pollRef.current();
      } catch {
        // The caller keeps the error in its own state and shows it.
      }
      polling = false;
      lastPollAt = Date.now();
      schedule(intervalMs);
    }

    const stopListening = onPageVisibilityChange(() =>
      schedule(Math.max(0, lastPollAt + intervalMs - Date.now())),
    );
    schedule(intervalMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stopListening();
    };
  }, [active, intervalMs]);
}
