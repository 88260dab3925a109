import { test, expect } from '@playwright/test';
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { signInAsGuest } from './signIn';

// The sandbox the portal embeds (app-config.yaml: awsSandbox.port), reached with
// the real SDK as a CI job pushing an image would reach ECR.
const ecr = new ECRClient({
  endpoint: 'http://127.0.0.1:4599',
  region: 'eu-west-1',
  credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
});

test('a developer creates an ECS service from the template and sees its environments and first deployment', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `cart-${Date.now().toString(36)}`;

  await signInAsGuest(page);
  await page.goto('/create');
  await page
    .getByRole('article')
    .filter({ hasText: 'ECS service with blue/green deployments' })
    .getByRole('button', { name: 'Choose' })
    .click();

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Shopping cart API (e2e)');
  await page.getByLabel('Owner').click();
  await page.getByRole('option', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click(); // defaults: port, size
  await page.getByRole('button', { name: 'Review' }).click(); // defaults: all envs, canary
  await page.getByRole('button', { name: 'Create' }).click();

  const entityLink = page.getByRole('link', {
    name: `Open ${name} in the catalog`,
  });
  await expect(entityLink).toBeVisible({ timeout: 120_000 });
  await page.screenshot({
    path: 'e2e-test-results/template-done.png',
    fullPage: true,
  });
  await entityLink.click();

  // The catalog reads the new infrastructure repository on its next pass.
  // (Until then the page shows the name over "Entity not found"; the
  // description only shows once the entity is there.)
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Shopping cart API (e2e)').first()).toBeVisible(
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 120_000 });

  await page.goto(`/catalog/default/component/${name}/deployments`);
  for (const env of ['dev', 'staging', 'prod']) {
    await expect(page.getByText(env, { exact: true }).first()).toBeVisible();
  }

  // A CI build pushes the first image with the dev tag; dev's pipeline deploys it.
  await ecr.send(
    new PutImageCommand({
      repositoryName: name,
      imageTag: 'dev',
      imageManifest: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: { digest: `sha256:${'1'.repeat(64)}`, size: 1 },
        layers: [],
      }),
    }),
  );
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: /^Details of / }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await page.screenshot({
    path: 'e2e-test-results/new-service-deployments.png',
  });
});
