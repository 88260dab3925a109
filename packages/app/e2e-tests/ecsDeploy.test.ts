import { test, expect } from '@playwright/test';
import { openEntity, signInAsGuest } from './signIn';

// Runs against the portal with the embedded sandbox and its demo fleet
// (app-config.yaml with app-config.e2e.yaml): the sandbox clock runs 5 times
// faster than AWS, so a 5-minute canary step lasts a minute.

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the Deployments tab shows the seeded history as releases, with failures and rollbacks, and a release in detail', async ({
  page,
}) => {
  await openEntity(page, 'payments-api', '/deployments');

  // the table, not the status filter, whose options carry the same words
  const history = page.getByRole('region', { name: 'Deployment history' });
  await expect(history).toBeVisible();
  // the demo fleet's history has both, within the first pages
  await expect(
    history.getByRole('link', { name: 'rolled back' }).first(),
  ).toBeVisible();
  await expect(history.getByText('Failed').first()).toBeVisible();

  // one row per release: the pipeline run with its deployment inside
  const runLink = { name: /^Details of pipeline:/ };
  const releases = history
    .getByRole('row')
    .filter({ has: page.getByRole('link', runLink) });
  const release = releases
    .filter({
      has: page.getByRole('link', { name: /^Details of codedeploy:/ }),
    })
    .first();
  await expect(release).toBeVisible();
  // the deployment's task definition revision and traffic outcome on it
  await expect(release.getByText(/^payments-api:\d+/)).toBeVisible();
  await expect(release.getByText(/traffic|superseded/).first()).toBeVisible();
  // short ids on one line, the full id on hover
  const run = release.getByRole('link', runLink);
  await expect(run).toHaveText(/^Pipeline run [0-9a-f]{8}$/);
  await expect(run).toHaveAttribute('title', /^[0-9a-f]{8}-[0-9a-f-]+$/);
  const box = await run.boundingBox();
  expect(box!.height).toBeLessThan(30);
  // a deployment a pipeline started has no row of its own
  await expect(
    history
      .getByRole('row')
      .filter({ hasText: /\bvia\b/ })
      .filter({ hasNot: page.getByRole('link', runLink) }),
  ).toHaveCount(0);
  await page.screenshot({
    path: 'e2e-test-results/deployments-tab.png',
    fullPage: true,
  });

  await page
    .getByRole('link', { name: /^Details of / })
    .first()
    .click();
  await expect(
    page.getByText(/Lifecycle|Pipeline stages/).first(),
  ).toBeVisible();
});

test('promoting dev to staging starts an ECS canary the Traffic tab follows, recorded as by guest', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // ledger-api (guest's team, ECS native canary) has nothing in flight at start
  await openEntity(page, 'ledger-api', '/deployments');
  await page.getByRole('button', { name: 'Promote to staging' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('What the promotion changes')).toBeVisible();
  await dialog.getByRole('button', { name: 'Promote' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/Promoted|Done/);

  // staging's pipeline deploys the image as a canary: 10% first, then all.
  // The tab polls while a deployment moves; until the pipeline has started
  // one, reload as a person would.
  await openEntity(page, 'ledger-api', '/traffic');
  const shift = page.getByLabel(
    /staging: \d+% of production traffic on the replacement/,
  );
  await expect(async () => {
    await page.reload();
    await expect(shift).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expect(
    page.getByLabel(/staging: 10% of production traffic on the replacement/),
  ).toBeVisible({ timeout: 120_000 });
  await page.screenshot({
    path: 'e2e-test-results/traffic-tab-canary.png',
    fullPage: true,
  });
  await expect(
    page.getByLabel(/staging: 100% of production traffic on the replacement/),
  ).toBeVisible({ timeout: 120_000 });

  await openEntity(page, 'ledger-api', '/deployments');
  await expect(page.getByText('promoted by guest').first()).toBeVisible();
});

test("on another team's service the controls are disabled with the reason", async ({
  page,
}) => {
  await openEntity(page, 'checkout-web', '/deployments');
  const approve = page.getByRole('button', { name: /Approve/ }).first();
  await expect(approve).toBeDisabled();
  // react-aria shows a tooltip on hover once the page has seen a pointer
  // press, as a person's clicks give it; a test that navigated by URL has
  // made none yet.
  await page.getByRole('heading', { name: 'checkout-web' }).first().click();
  await approve.locator('..').hover();
  await expect(page.getByRole('tooltip')).toContainText(
    'You are not allowed to',
  );
});
