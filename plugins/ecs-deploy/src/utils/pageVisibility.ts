/** True while the page is in a background tab or a minimised window. */
export function isPageHidden(): boolean {
  return document.visibilityState === 'hidden';
}

/** Calls `listener` whenever the page is hidden or shown again. */
export function onPageVisibilityChange(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}
