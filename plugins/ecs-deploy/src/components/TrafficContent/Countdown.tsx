import { useEffect, useState } from 'react';
import { formatDuration } from '../../utils/format';

/**
 * Time left until `until`, ticking each second, e.g. "in 4m 12s". Once the
 * moment has passed it says so rather than counting negative.
 */
export const Countdown = ({ until }: { until: string }) => {
  const target = Date.parse(until);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (Number.isNaN(target)) {
    return null;
  }
  const left = target - now;
  return (
    <time dateTime={until}>
      {left > 0 ? `in ${formatDuration(left)}` : 'any moment now'}
    </time>
  );
};
