import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

const demoServices = [
  'payments-api',
  'checkout-web',
  'orders-worker',
  'inventory-api',
  'ledger-api',
  'search-api',
  'notifications-service',
];

test('a guest signs in and finds the demo ECS services in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/?filters[kind]=component&filters[user]=all');

  for (const name of demoServices) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test("the guest's team owns some services and not others", async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/?filters[kind]=component&filters[user]=owned');

  await expect(
    page.getByRole('link', { name: 'payments-api', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'checkout-web', exact: true }),
  ).toHaveCount(0);
});
