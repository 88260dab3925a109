import {
  FRESH_READ_HEADER,
  ecsDeployPageReads,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PageViewerMessage, runPageViewers } from './pageViewerProcess';

type Seen = { url: string; fresh: boolean; at: number };

/** A backend stand-in that records what the viewers ask, answering after `delayMs`. */
async function recordingBackend(delayMs: number) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({
      url: req.url!,
      fresh: req.headers[FRESH_READ_HEADER.toLowerCase()] === '1',
      at: Date.now(),
    });
    setTimeout(() => res.end('{}'), delayMs);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { seen, server, baseUrl: `http://127.0.0.1:${port}` };
}

const urlOf = (read: { path: string; query?: Record<string, string> }) => {
  const search = new URLSearchParams(read.query ?? {}).toString();
  return `/e${read.path}${search ? `?${search}` : ''}`;
};

describe('runPageViewers', () => {
  it("replays a tab's opening wave by wave, and its signal reads when a signal names the entity", async () => {
    const backend = await recordingBackend(30);
    let deliver: (m: PageViewerMessage) => void = () => {};
    try {
      const run = runPageViewers(
        {
          replicas: [backend.baseUrl],
          authorization: 'Bearer x',
          pages: [
            {
              entityRef: 'component:default/a',
              path: '/e',
              environments: ['dev', 'prod'],
            },
          ],
          viewers: 1,
          durationMs: 3_000,
          intervalMs: 10_000,
          trafficEvery: 1_000,
        },
        listener => {
          deliver = listener;
        },
      );
      // Once the whole opening was asked (both waves), however slow the
      // machine: a fixed wait lost it under a loaded test run.
      const openingReads = ecsDeployPageReads.deployments
        .open(['dev', 'prod'])
        .flat().length;
      for (let i = 0; i < 200 && backend.seen.length < openingReads; i++) {
        await new Promise(r => setTimeout(r, 10));
      }
      await new Promise(r => setTimeout(r, 50)); // its last answer
      const opening = backend.seen.map(s => s.url);
      deliver({
        type: 'signal',
        channel: 'ecs-deploy:component:default/a',
        message: { entityRef: 'component:default/b', environment: 'prod' },
      });
      deliver({
        type: 'signal',
        channel: 'ecs-deploy:component:default/a',
        message: { entityRef: 'component:default/a', environment: 'prod' },
      });
      const report = await run;

      const [first, second] = ecsDeployPageReads.deployments.open([
        'dev',
        'prod',
      ]);
      expect(opening.slice(0, first.length).sort()).toEqual(
        first.map(urlOf).sort(),
      );
      expect(opening.slice(first.length).sort()).toEqual(
        second.map(urlOf).sort(),
      );
      // the second wave starts once the first has answered
      const firstDone = Math.max(
        ...backend.seen.slice(0, first.length).map(s => s.at),
      );
      expect(backend.seen[first.length].at).toBeGreaterThanOrEqual(
        firstDone + 25,
      );

      const afterSignal = backend.seen.slice(opening.length);
      expect(afterSignal.map(s => s.url).sort()).toEqual(
        ecsDeployPageReads.deployments.onSignal('prod').map(urlOf).sort(),
      );
      expect(afterSignal.every(s => s.fresh)).toBe(true);
      expect(report.signalsReceived).toBe(2);
      expect(report.signalReads).toBe(afterSignal.length);
      expect(report.pageLoads).toHaveLength(1);
      expect(report.requests).toHaveLength(backend.seen.length);
    } finally {
      await new Promise(r => backend.server.close(r));
    }
  });
});
