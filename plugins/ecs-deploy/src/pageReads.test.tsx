import { act } from 'react';
import { screen } from '@testing-library/react';
import {
  EcsDeployPageRead,
  FRESH_READ_HEADER,
  computeDeliveryMetrics,
  ecsDeployPageReads,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployClient } from './api';
import { renderWithEntity } from './__testUtils__/renderWithEntity';
import { ecsDeploySignal, FakeSignalApi } from './__testUtils__/fakeSignals';
import {
  environmentsResponse,
  historyItems,
  ledgerEntry,
  runningTasksResponse,
  trafficResponse,
} from './__fixtures__/data';
import { EcsDeploymentsContent } from './components/DeploymentsContent';
import { EcsTrafficContent } from './components/TrafficContent';

/*
 * The bench's page mode replays `ecsDeployPageReads` as each viewer's load;
 * these tests hold that list to what the tabs really ask for, over the real
 * client, so the bench cannot drift from the frontend.
 */

const BASE = 'http://backend/api/ecs-deploy';

/** The answer the backend would give for a path under the entity. */
function answer(path: string): unknown {
  if (path === '/environments') return environmentsResponse;
  if (path === '/history') return { items: historyItems };
  if (path === '/ledger') return { items: [ledgerEntry] };
  if (path === '/traffic') return trafficResponse(10, 'SHIFTING');
  if (path === '/tasks') return runningTasksResponse;
  if (path === '/metrics') {
    return {
      entityRef: 'component:default/payments-api',
      windowDays: 30,
      asOf: new Date().toISOString(),
      metrics: computeDeliveryMetrics(historyItems, {
        now: Date.now(),
        windowDays: 30,
      }),
    };
  }
  throw new Error(`the tab asked for ${path}, which this test does not know`);
}

/**
 * The real client over a fetch that records each read as the plan names it;
 * `/environments` answers only once `release` is called, to tell the waves
 * of an opening apart.
 */
function recordingClient() {
  const reads: EcsDeployPageRead[] = [];
  let release = () => {};
  const released = new Promise<void>(r => {
    release = r;
  });
  const client = new EcsDeployClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(String(input));
        // Each test renders the entity in a namespace of its own.
        const path = url.pathname
          .replace(new URL(BASE).pathname, '')
          .replace(/^\/entities\/[^/]+\/[^/]+\/payments-api/i, '');
        const query = Object.fromEntries(url.searchParams);
        const headers = new Headers(init?.headers);
        reads.push({
          path,
          ...(Object.keys(query).length ? { query } : {}),
          ...(headers.get(FRESH_READ_HEADER) ? { fresh: true } : {}),
        });
        if (path === '/environments') await released;
        return new Response(JSON.stringify(answer(path)), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  });
  return { client, reads, release };
}

const sorted = (reads: EcsDeployPageRead[]) =>
  [...reads].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function settle() {
  await act(async () => {
    await new Promise(r => setTimeout(r, 50));
  });
}

const environments = environmentsResponse.environments.map(e => e.name);

describe('ecsDeployPageReads', () => {
  it('is what the Deployments tab reads on opening and on a signal', async () => {
    const { client, reads, release } = recordingClient();
    const signals = new FakeSignalApi();
    await renderWithEntity(<EcsDeploymentsContent />, {
      api: client,
      signals,
    });
    const [first, ...rest] = ecsDeployPageReads.deployments.open(environments);
    await settle();
    expect(sorted(reads)).toEqual(sorted(first));
    release();
    expect(await screen.findByLabelText('prod environment')).toBeVisible();
    await settle();
    expect(sorted(reads)).toEqual(sorted([first, ...rest].flat()));

    reads.length = 0;
    signals.broadcast(ecsDeploySignal('prod'));
    await settle();
    expect(sorted(reads)).toEqual(
      sorted(ecsDeployPageReads.deployments.onSignal('prod')),
    );
  });

  it('is what the Traffic tab reads on opening and on a signal', async () => {
    const { client, reads, release } = recordingClient();
    release();
    const signals = new FakeSignalApi();
    await renderWithEntity(<EcsTrafficContent />, { api: client, signals });
    await settle();
    expect(reads.length).toBeGreaterThan(0);
    expect(sorted(reads)).toEqual(
      sorted(ecsDeployPageReads.traffic.open(environments).flat()),
    );

    reads.length = 0;
    signals.broadcast(ecsDeploySignal('prod'));
    await settle();
    expect(sorted(reads)).toEqual(
      sorted(ecsDeployPageReads.traffic.onSignal('prod')),
    );
  });
});
