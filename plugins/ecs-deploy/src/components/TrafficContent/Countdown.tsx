import { useEffect, useState } from 'react';
import { formatDuration } from '../../utils/format';

/** Props of {@link Countdown}. */
export type CountdownProps = {
  /** The moment counted down to, on the server's (AWS's) clock. */
  until: string;
  /** The server's time when the data was read, and the local time it arrived. */
  observed?: { at: string; receivedAt: number };
};

/**
 * Time left until `until`, ticking each second, e.g. "in 4m 12s". It counts
 * on the server's clock (the snapshot's observation time plus the local time
 * since it arrived), so a browser whose clock is off still shows the right
 * wait. Once the moment has passed it says so rather than counting negative.
 */
export const Countdown = ({ until, observed }: CountdownProps) => {
  const target = Date.parse(until);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (Number.isNaN(target)) {
    return null;
  }
  const observedAt = observed ? Date.parse(observed.at) : NaN;
  const serverNow = Number.isNaN(observedAt)
    ? now
    : observedAt + (now - observed!.receivedAt);
  const left = target - serverNow;
  return (
    <time dateTime={until}>
      {left > 0 ? `in ${formatDuration(left)}` : 'any moment now'}
    </time>
  );
};
