/** An SDK Date (or undefined) as ISO text for the API. */
export function iso(date: Date | string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Milliseconds between two ISO times, when both are known. */
export function durationMs(
  start: string | undefined,
  end: string | undefined,
): number | undefined {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
