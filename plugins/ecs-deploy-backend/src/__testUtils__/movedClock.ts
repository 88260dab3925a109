/**
 * The backend's clock (its cache lifetimes) moved by the test: `install`
 * replaces Date.now before the backend starts, so every cache captures it,
 * and `passes` moves it ahead. Restored by `jest.restoreAllMocks()`.
 */
export function movedClock() {
  let offset = 0;
  const realNow = Date.now;
  return {
    install: () =>
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset),
    passes: (ms: number) => {
      offset += ms;
    },
  };
}
