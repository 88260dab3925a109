import { test, expect, Page } from '@playwright/test';

const demoServices = [
  'payments-api',
  'checkout-web',
  'orders-worker',
  'inventory-api',
  'ledger-api',
  'search-api',
  'notifications-service',
];

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeVisible();
}

test('a guest signs in and finds the demo ECS services in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');

  for (const name of demoServices) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test("the guest's team owns some services and not others", async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog?filters[kind]=component&filters[user]=owned');

  await expect(
    page.getByRole('link', { name: 'payments-api', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'checkout-web', exact: true }),
  ).toHaveCount(0);
});
