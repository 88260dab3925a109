import { act } from 'react';

let state: DocumentVisibilityState = 'visible';

/**
 * Makes jsdom's page hidden or visible, as a browser does when the tab goes
 * to the background or comes back, and says so with `visibilitychange`.
 */
export function setPageVisibility(next: DocumentVisibilityState) {
  state = next;
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}
