import { test, expect, Page } from '@playwright/test';
import { openEntity, signInAsGuest } from './signIn';

// notifications-service (the guest's team) runs on the EXTERNAL controller:
// the portal moves its releases itself, as field note 003's scripts do. The
// sandbox clock runs 5 times faster than AWS, so a task set is steady about
// ten seconds after it is created.

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

/**
 * Presses an offered control and confirms its dialog; waits for its outcome,
 * which the app also shows as an alert (the control may be gone once the
 * view refreshes: a started release offers no second start).
 */
async function act(
  page: Page,
  control: RegExp,
  confirm: string,
  outcome: RegExp,
) {
  await page.getByRole('button', { name: control }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(page.getByText(outcome).first()).toBeVisible({
    timeout: 60_000,
  });
  // Closed by its own button: the refresh the outcome brings may re-render
  // the dialog for the next offer and take the focus Escape needs.
  if (await dialog.isVisible()) {
    await dialog
      .getByRole('button', { name: 'Close', exact: true })
      .last()
      .click({ timeout: 5_000 })
      // Gone already: the control it belonged to is no longer offered.
      .catch(() => undefined);
  }
  await expect(dialog).toBeHidden();
}

test('a release of notifications-service: started from staging, test traffic, 10%, promoted', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openEntity(page, 'notifications-service', '/deployments');
  await act(
    page,
    /^Start release from staging$/,
    'Start release',
    /^Release .+ started in prod: task set ecs:ecs-svc\.\d+ runs \d+ tasks and takes the test listener's traffic$/,
  );

  await openEntity(page, 'notifications-service', '/traffic');
  // The test listener routes to the new task set, production does not yet.
  await expect(
    page.getByLabel('prod: 0% of production traffic on the replacement'),
  ).toBeVisible();
  await expect(
    page.getByText(
      /^Release ready: the test listener routes to the new task set/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-results/external-release-test-traffic.png',
    fullPage: true,
  });

  await act(
    page,
    /^Shift to 10%$/,
    'Shift',
    /^10% of production traffic in prod goes to ecs:ecs-svc\.\d+ \(was 0%\)$/,
  );
  await expect(
    page.getByLabel('prod: 10% of production traffic on the replacement'),
  ).toBeVisible();
  // The next step is offered from the split now shown.
  await expect(
    page.getByRole('button', { name: /^Shift to 25%$/ }),
  ).toBeVisible();

  await act(
    page,
    /^Promote release$/,
    'Promote',
    /is the primary task set of prod with all production traffic; the previous task set is deleted$/,
  );
  // Neither environment has a release under way any more.
  await expect(
    page.getByText('No deployment is shifting traffic.', { exact: true }),
  ).toHaveCount(2);
  await expect(
    page.getByRole('button', { name: /^Promote release$/ }),
  ).toBeHidden();
  await page.screenshot({
    path: 'e2e-test-results/external-release-promoted.png',
    fullPage: true,
  });

  await openEntity(page, 'notifications-service', '/deployments');
  await expect(
    page.getByText('release promoted by guest').first(),
  ).toBeVisible();
});
