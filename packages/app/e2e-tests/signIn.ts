import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider; later navigation stays in the app. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Opens an entity page by its path after sign-in. */
export async function openEntity(page: Page, name: string, tab = '') {
  await page.goto(`/catalog/default/component/${name}${tab}`);
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
}
