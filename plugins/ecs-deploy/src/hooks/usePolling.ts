import { useEffect, useRef } from 'react';

/**
 * Calls `poll` every `intervalMs` while `active`, and not at all otherwise:
 * a page left open on a quiet service costs no requests. A slow response
 * never overlaps the next poll; the next one waits for it.
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
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(async () => {
        try {
          await pollRef.current();
        } catch {
          // The caller keeps the error in its own state and shows it.
        }
        if (!cancelled) {
          schedule();
        }
      }, intervalMs);
    };
    schedule();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
