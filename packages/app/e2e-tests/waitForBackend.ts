const readinessUrl = 'http://localhost:7007/.backstage/health/v1/readiness';

/** Waits (bounded) until the backend started by `yarn start` reports ready. */
export default async function waitForBackend() {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      const res = await fetch(readinessUrl);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`The backend did not become ready at ${readinessUrl}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}
