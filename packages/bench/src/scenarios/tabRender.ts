import { mockCredentials } from '@backstage/backend-test-utils';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startBackendUnderTest } from '../backendUnderTest';
import { subjectsOf } from '../fleet';
import { startAppServer } from './appServer';

/** Chromium flags of playwright.config.ts (Debian's Chromium, headless). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface TabRenderResult {
  entity: string;
  historyEntries: number;
  /** navigation to the first history row visible */
  firstRowMs: number;
  /** navigation to the whole tab settled (no request of the app in flight) */
  settledMs: number;
  /** click on a row until its detail shows */
  clickToDetailMs: number;
  /**
   * In the booted app, a navigation to another entity's Deployments tab
   * (as many entries, never read by the backend) until its first row shows.
   */
  inAppFirstRowMs: number;
  /** the same navigation again (its reads cached by the backend), median of 3 */
  inAppWarmFirstRowMs: number;
  /** that navigation's requests: ms after it each started, and took */
  inAppRequests: { request: string; startedMs: number; ms: number }[];
  ecsDeployRequests: number;
  awsCalls: number;
  awsCallsByOperation: Record<string, number>;
  requests: string[];
}

/**
 * Opens the Deployments tab of an entity with `deployments` past deployments
 * (each one a pipeline execution and a CodeDeploy deployment: two history
 * entries) in Chromium, against the production build of packages/app and the
 * real backend plugin on the sandbox, and times it.
 */
export async function runTabRender(options: {
  repoRoot: string;
  deployments: number;
  latencyMs: number;
  /**
   * The backend reads the entities' tabs at start (`warmEntitiesOnStart`),
   * as a portal restarted with its catalog does: the first loads are warm.
   */
  warmAtStart?: boolean;
}): Promise<TabRenderResult> {
  const distDir = path.join(options.repoRoot, 'packages/app/dist');
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error('no production build: run `yarn workspace app build`');
  }
  const name = 'history-1000';
  const sb = await startSandbox({
    seed: 'fleet',
    // svc-0001: the same history, for the navigation in the booted app.
    seedOptions: {
      services: 1,
      deploymentsPerService: options.deployments,
      bigEntity: { name, deployments: options.deployments },
    },
    latencyMs: options.latencyMs,
  });
  const subjects = subjectsOf(sb);
  const backend = await startBackendUnderTest({
    endpoint: sb.url,
    entities: subjects.map(s => s.entity),
    ...(options.warmAtStart
      ? { ecsDeploy: { warmEntitiesOnStart: subjects.length } }
      : {}),
  });
  const app = await startAppServer({
    distDir,
    entities: subjects.map(s => s.entity),
    backendUrl: backend.baseUrl,
    authorization: mockCredentials.user.header(),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    if (process.env.BENCH_DEBUG) {
      page.on('console', m => process.stderr.write(`[page] ${m.text()}\n`));
      page.on('request', r => process.stderr.write(`[req] ${r.url()}\n`));
      page.on('pageerror', e => process.stderr.write(`[err] ${e}\n`));
      page.on(
        'response',
        r =>
          r.status() >= 400 &&
          process.stderr.write(`[res] ${r.status()} ${r.url()}\n`),
      );
    }
    await page.goto(`${app.url}/`);
    const enter = page.getByRole('button', { name: 'Enter' });
    if (
      await enter
        .waitFor({ timeout: 30_000 })
        .then(() => true)
        .catch(() => false)
    ) {
      await enter.click();
    }
    await page
      .getByRole('navigation', { name: 'sidebar nav', includeHidden: true })
      .waitFor({ state: 'attached', timeout: 30_000 })
      .catch(async error => {
        if (process.env.BENCH_DEBUG) {
          await page.screenshot({ path: '/tmp/bench-signin.png' });
          process.stderr.write(`${(await page.content()).slice(0, 3000)}\n`);
        }
        throw error;
      });

    sb.callLog.reset();
    app.ecsDeployRequests.length = 0;
    const started = Date.now();
    await page.goto(`${app.url}/catalog/default/component/${name}/deployments`);
    const firstRow = page.getByRole('link', { name: /^Details of / }).first();
    await firstRow.waitFor({ timeout: 60_000 }).catch(async error => {
      if (process.env.BENCH_DEBUG) {
        await page.screenshot({ path: '/tmp/bench-tab.png', fullPage: true });
      }
      throw error;
    });
    const firstRowMs = Date.now() - started;
    await page.waitForLoadState('networkidle', { timeout: 60_000 });
    const settledMs = Date.now() - started;
    const awsCalls = sb.callLog.total();
    const awsCallsByOperation = sb.callLog.counts();
    const requests = [...app.ecsDeployRequests];

    const clicked = Date.now();
    await firstRow.click();
    await page
      .getByRole('heading', { level: 2 })
      .filter({ hasText: /./ })
      .first()
      .waitFor({ timeout: 30_000 });
    await page
      .getByLabel('Loading the deployment')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const clickToDetailMs = Date.now() - clicked;

    // In the app as booted: the router moves, the bundle is loaded.
    const navigate = (to: string) =>
      page.evaluate(target => {
        window.history.pushState({}, '', target);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, to);
    await navigate('/catalog');
    await firstRow.waitFor({ state: 'detached', timeout: 30_000 });
    const navigated = Date.now();
    await navigate('/catalog/default/component/svc-0001/deployments');
    await page
      .getByRole('link', { name: /^Details of / })
      .first()
      .waitFor({ timeout: 60_000 });
    const inAppFirstRowMs = Date.now() - navigated;
    const inAppRequests = app.ecsDeployTimings
      .filter(t => t.at >= navigated)
      .map(t => ({
        request: t.request.replace(
          /^GET \/api\/ecs-deploy\/entities\/[^/]+\/[^/]+\/[^/]+/,
          '',
        ),
        startedMs: t.at - navigated,
        ms: t.ms,
      }));
    const warm: number[] = [];
    for (let k = 0; k < 3; k++) {
      await navigate('/catalog');
      await firstRow.waitFor({ state: 'detached', timeout: 30_000 });
      const again = Date.now();
      await navigate('/catalog/default/component/svc-0001/deployments');
      await firstRow.waitFor({ timeout: 60_000 });
      warm.push(Date.now() - again);
    }
    const inAppWarmFirstRowMs = warm.sort((a, b) => a - b)[1];
    return {
      entity: name,
      historyEntries: options.deployments * 2,
      firstRowMs,
      settledMs,
      clickToDetailMs,
      inAppFirstRowMs,
      inAppRequests,
      inAppWarmFirstRowMs,
      ecsDeployRequests: requests.length,
      awsCalls,
      awsCallsByOperation,
      requests,
    };
  } finally {
    await browser.close();
    await app.close();
    await backend.stop();
    await sb.close();
  }
}
