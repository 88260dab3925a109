import { test, expect, APIRequestContext } from '@playwright/test';
import {
  CodePipelineClient,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { openEntity, signInAsGuest } from './signIn';

// Pushed updates: the Traffic tab of payments-api stays open while a canary
// is started outside the portal (as the console or a CI job would, with the
// real SDK against the embedded sandbox). The backend's watcher sees each
// step and signals it; the tab reads again only then, with the fresh-read
// header, and never polls while signals work.

const staging = new CodePipelineClient({
  endpoint: 'http://127.0.0.1:4599',
  region: 'eu-west-1',
  credentials: { accessKeyId: '222222222222', secretAccessKey: 'x' },
});
const sandbox = {
  url: 'http://127.0.0.1:4599/_sandbox',
  headers: { authorization: 'Bearer e2e-sandbox-control-token' },
};
const CHANNEL = 'ecs-deploy:component:default/payments-api';

async function advanceAwsClock(request: APIRequestContext, minutes: number) {
  const res = await request.post(`${sandbox.url}/clock/advance`, {
    headers: sandbox.headers,
    data: { ms: minutes * 60_000 },
  });
  expect(res.ok()).toBe(true);
}

interface SeenRequest {
  at: number;
  url: string;
  fresh: boolean;
}

test('the Traffic tab follows a canary started outside the portal through signals, without polling', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const reads: SeenRequest[] = [];
  const signals: number[] = [];
  page.on('request', r => {
    if (r.method() === 'GET' && r.url().includes('/api/ecs-deploy/')) {
      reads.push({
        at: Date.now(),
        url: r.url(),
        fresh: r.headers()['x-ecs-deploy-fresh'] === '1',
      });
    }
  });
  page.on('websocket', ws =>
    ws.on('framereceived', frame => {
      if (String(frame.payload).includes(CHANNEL)) signals.push(Date.now());
    }),
  );

  await signInAsGuest(page);
  await openEntity(page, 'payments-api', '/traffic');
  await expect(page.getByText('staging').first()).toBeVisible();
  // the tab's first loads are over; from here on it reads only on a signal
  await page.waitForTimeout(3_000);
  const settled = Date.now();

  await staging.send(
    new StartPipelineExecutionCommand({ name: 'payments-api-staging' }),
  );
  await expect(async () => {
    await advanceAwsClock(request, 1);
    const signalled = signals.filter(t => t > settled);
    expect(signalled.length).toBeGreaterThanOrEqual(2);
    const after = reads.filter(r => r.at > signalled[0] && r.fresh);
    expect(after.some(r => r.url.includes('/traffic'))).toBe(true);
  }).toPass({ timeout: 180_000, intervals: [3_000] });

  const later = reads.filter(r => r.at > settled);
  // every read since the page settled followed a signal: no polling
  expect(later.filter(r => !r.fresh)).toEqual([]);
  const lags = later.map(r => {
    const before = signals.filter(t => t <= r.at);
    return r.at - before[before.length - 1];
  });
  // eslint-disable-next-line no-console
  console.log(
    `signals: ${signals.length}, fresh reads: ${
      later.length
    }, signal → read lag (ms): ${lags.join(', ')}`,
  );
  await page.screenshot({
    path: 'e2e-test-results/traffic-live.png',
    fullPage: true,
  });
});
