import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import {
  CodePipelineClient,
  ListPipelineExecutionsCommand,
} from '@aws-sdk/client-codepipeline';
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
} from '@aws-sdk/client-ecs';
import { signInAsGuest } from './signIn';

// The sandbox the portal embeds (app-config.yaml: awsSandbox.port), reached with
// the real SDK as a CI job pushing an image would reach AWS; dev is account 111111111111.
const dev = {
  endpoint: 'http://127.0.0.1:4599',
  region: 'eu-west-1',
  credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
};
const ecr = new ECRClient(dev);
const ecs = new ECSClient(dev);
const codePipeline = new CodePipelineClient(dev);
// Where the template publishes infrastructure repositories in a test run
// (app-config.e2e.yaml), relative to the repository root.
const infraRepos = '.data/test/infra-repos';

/** Waits (bounded) until the pipeline's newest execution has ended, and says how. */
async function newestExecutionEnds(pipelineName: string, after: number) {
  let outcome: { id: string; status: string } | undefined;
  await expect(async () => {
    const { pipelineExecutionSummaries = [] } = await codePipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName }),
    );
    const newest = pipelineExecutionSummaries[0];
    expect(pipelineExecutionSummaries.length).toBeGreaterThan(after);
    expect(['Succeeded', 'Failed', 'Stopped']).toContain(newest?.status);
    outcome = { id: newest.pipelineExecutionId!, status: newest.status! };
  }).toPass({ timeout: 150_000, intervals: [2_000] });
  return outcome!;
}

/** The newest revision of the task definition family the pipeline deploys. */
async function deployedTaskDefinition(family: string) {
  const { taskDefinitionArns = [] } = await ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: family, sort: 'DESC' }),
  );
  const { taskDefinition } = await ecs.send(
    new DescribeTaskDefinitionCommand({
      taskDefinition: taskDefinitionArns[0],
    }),
  );
  return taskDefinition!;
}

test('a developer creates an ECS service from the template, and it deploys what its infrastructure repository says', async ({
  page,
}) => {
  test.setTimeout(420_000);
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
  // All environments; all at once with no bake time keeps the run short.
  await page.getByLabel('Rollout').click();
  await page.getByRole('option', { name: /^All at once/ }).click();
  await page.getByLabel('Bake time (minutes)').fill('0');
  await page.getByRole('button', { name: 'Review' }).click();
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

  // Exactly the environments chosen: no phantom one.
  await page.goto(`/catalog/default/component/${name}/deployments`);
  for (const env of ['dev', 'staging', 'prod']) {
    await expect(page.getByText(env, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText('default', { exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: /Promote to default/ }),
  ).toHaveCount(0);

  // A CI build pushes the first image with the dev tag; dev's pipeline
  // deploys it with the repository's taskdef.json.
  const pushed = await ecr.send(
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
  const first = await newestExecutionEnds(`${name}-dev`, 0);
  expect(first.status).toBe('Succeeded');
  const generated = await deployedTaskDefinition(`${name}-dev`);
  expect(generated).toMatchObject({
    family: `${name}-dev`,
    cpu: '512',
    memory: '1024',
  });
  expect(generated.containerDefinitions?.[0]).toMatchObject({
    name,
    image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${name}@${
      pushed.image!.imageId!.imageDigest
    }`,
    portMappings: [expect.objectContaining({ containerPort: 8080 })],
  });
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: /^Details of / }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await page.screenshot({
    path: 'e2e-test-results/new-service-deployments.png',
  });

  // The team changes the memory in the infrastructure repository and starts
  // the pipeline from the portal: the next deployment runs that revision.
  const repo = join(infraRepos, `${name}-infra`);
  const taskdefPath = join(repo, 'environments/dev/taskdef.json');
  const taskdef = JSON.parse(readFileSync(taskdefPath, 'utf8'));
  writeFileSync(
    taskdefPath,
    `${JSON.stringify({ ...taskdef, memory: '2048' }, null, 2)}\n`,
  );
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args],
      { cwd: repo },
    )
      .toString()
      .trim();
  git('commit', '--quiet', '-am', 'More memory for dev');
  const commit = git('rev-parse', 'HEAD');

  await page.reload();
  await page.getByRole('button', { name: 'Start pipeline' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(
    /started execution/,
  );
  const second = await newestExecutionEnds(`${name}-dev`, 1);
  expect(second.status).toBe('Succeeded');
  expect((await deployedTaskDefinition(`${name}-dev`)).memory).toBe('2048');

  await page.goto(`/catalog/default/component/${name}/deployments`);
  await expect(
    page.getByText(`commit ${commit.slice(0, 7)}`).first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-results/new-service-infra-commit.png',
    fullPage: true,
  });
});
