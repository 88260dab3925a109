import {
  test,
  expect,
  Locator,
  Page,
  APIRequestContext,
} from '@playwright/test';
import { openEntity, signInAsGuest } from './signIn';

// Finish early, the environment cards' offers, Traffic polling, the EXTERNAL
// heading and the overview card's place, in the portal with the embedded
// sandbox and its demo fleet (app-config.e2e.yaml: the sandbox clock runs 5
// times faster than AWS). The guest user is a member of team-payments, which
// owns payments-api; checkout-web is team-checkout's.

const sandbox = {
  url: 'http://127.0.0.1:4599/_sandbox',
  headers: { authorization: 'Bearer e2e-sandbox-control-token' },
};

/** Moves the sandbox's AWS clock forward, as time passing would. */
async function advanceAwsClock(request: APIRequestContext, minutes: number) {
  const res = await request.post(`${sandbox.url}/clock/advance`, {
    headers: sandbox.headers,
    data: { ms: minutes * 60_000 },
  });
  expect(res.ok()).toBe(true);
}

/** The Deployments tab's card of one environment. */
function environmentCard(page: Page, name: string): Locator {
  return page
    .locator('.bui-Card')
    .filter({ has: page.getByLabel(`${name} environment`, { exact: true }) });
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('Finish early is enabled on the Deployments tab for a CodeDeploy deployment in its termination wait, and finishes it', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  // payments-api staging plays a canary when the portal starts; once all
  // traffic is on the replacement, CodeDeploy waits 60 AWS minutes before
  // terminating the original task set (InProgress, termination wait started).
  // Should that deployment be over already (a long run before this test),
  // the staging pipeline is started again for a new one.
  await openEntity(page, 'payments-api', '/deployments');
  const staging = environmentCard(page, 'staging');
  const finish = staging.getByRole('button', { name: 'Finish early' });
  const start = staging.getByRole('button', { name: 'Start pipeline' });
  let started = false;
  await expect(async () => {
    await page.reload();
    await expect(staging).toBeVisible({ timeout: 10_000 });
    if (await finish.isVisible()) return;
    if (!started && (await start.count()) > 0 && (await start.isEnabled())) {
      await start.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Start' }).click();
      await expect(dialog.getByRole('alert')).toBeVisible();
      await page.keyboard.press('Escape');
      started = true;
    }
    await advanceAwsClock(request, 1);
    await expect(finish).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 240_000, intervals: [2_000] });

  await expect(finish).toBeEnabled();
  await page.screenshot({
    path: 'e2e-test-results/finish-early-offered.png',
    fullPage: true,
  });
  await finish.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Terminate original' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'finishes now: the original task set is being terminated',
  );
  await page.keyboard.press('Escape');

  // The deployment ended: nothing to finish any more.
  await expect(async () => {
    await page.reload();
    await expect(staging.getByText('Succeeded')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(finish).toHaveCount(0);
  await openEntity(page, 'payments-api', '/deployments');
  await expect(page.getByText('finished early by guest').first()).toBeVisible();
});

test('environment cards offer only what applies now, and "Waiting for you" only to whoever may act', async ({
  page,
}) => {
  // payments-api prod waits at Ready for a person of team-payments: the guest.
  await openEntity(page, 'payments-api', '/deployments');
  const prod = environmentCard(page, 'prod');
  await expect(prod.getByText('Waiting for you')).toBeVisible();
  await expect(prod.getByRole('button', { name: 'Continue' })).toBeEnabled();
  // Continue and roll back apply; approve, start, retry, finish early do not.
  await expect(prod.getByRole('button')).toHaveText(['Continue', 'Roll back']);
  await page.screenshot({
    path: 'e2e-test-results/environment-cards.png',
    fullPage: true,
  });

  // checkout-web prod waits at its manual approval, for team-checkout.
  await openEntity(page, 'checkout-web', '/deployments');
  const checkoutProd = environmentCard(page, 'prod');
  await expect(
    checkoutProd.getByText('Waiting for team-checkout'),
  ).toBeVisible();
  await expect(checkoutProd.getByText('Waiting for you')).toHaveCount(0);
  await expect(
    checkoutProd.getByRole('button', { name: 'Approve' }),
  ).toBeDisabled();
  await expect(checkoutProd.getByRole('note')).toHaveText(
    'You are not allowed to approve for this entity.',
  );
  await expect(
    checkoutProd.getByRole('button', { name: 'Start pipeline' }),
  ).toHaveCount(0);

  // The overview card says the same.
  await openEntity(page, 'checkout-web');
  const overview = page.getByRole('table', { name: 'ECS environments' });
  await expect(overview.getByText('Waiting for team-checkout')).toBeVisible();
});

test('the Traffic tab follows signals instead of polling, and recovers from a failed refresh', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // payments-api prod waits for a person: a shift under way, pushed by signals.
  await openEntity(page, 'payments-api', '/traffic');
  await expect(
    page.getByText('A deployment is moving traffic: updated as it moves.'),
  ).toBeVisible();

  // The client names the entity's kind as the catalog spells it (Component).
  const isTraffic = (url: URL) =>
    /\/default\/payments-api\/traffic$/.test(url.pathname);
  let failed = 0;
  await page.route(
    isTraffic,
    async route => {
      failed += 1;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            name: 'ServiceUnavailableError',
            message: 'Injected by the browser test',
          },
          request: { method: 'GET', url: route.request().url() },
          response: { statusCode: 503 },
        }),
      });
    },
    { times: 1 },
  );
  const refresh = page.getByRole('button', { name: 'Refresh now' }).first();
  await refresh.click();
  await expect(page.getByText('The last refresh failed')).toBeVisible();
  expect(failed).toBe(1);

  // the next read succeeds and clears the failure
  await refresh.click();
  await expect(page.getByText('The last refresh failed')).toHaveCount(0, {
    timeout: 60_000,
  });
});

test("the Traffic tab names a task-set service's controller once", async ({
  page,
}) => {
  await openEntity(page, 'notifications-service', '/traffic');
  // Its services are found by their tags: the first read takes a while.
  await expect(page.getByText(/^EXTERNAL · observed /).first()).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(/EXTERNAL EXTERNAL/)).toHaveCount(0);
});

test('the overview card opens the Overview tab, above the relations graph', async ({
  page,
}) => {
  await openEntity(page, 'payments-api');
  const card = page.getByRole('heading', { name: 'ECS deployments' });
  const relations = page.getByRole('heading', { name: 'Relations' }).first();
  await expect(card).toBeVisible();
  await expect(relations).toBeVisible();
  const cardBox = await card.boundingBox();
  const relationsBox = await relations.boundingBox();
  expect(cardBox!.y).toBeLessThan(relationsBox!.y);
  // Where a developer looks first: in the first screenful, no scrolling.
  expect(cardBox!.y).toBeLessThan(page.viewportSize()!.height / 2);
  await page.screenshot({ path: 'e2e-test-results/overview-tab.png' });
});
