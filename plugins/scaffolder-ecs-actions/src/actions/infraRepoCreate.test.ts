import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import yaml from 'yaml';
import {
  createMockDirectory,
  createTestOptions,
  runAction,
} from '../__testUtils__/harness';
import { readScaffolderSettings } from '../config/scaffolderConfig';
import { createInfraRepoCreateAction } from './infraRepoCreate';

describe('ecs:infra-repo:create', () => {
  const mockDir = createMockDirectory();
  const input = {
    name: 'payments-api',
    owner: 'group:default/team-payments',
    system: 'storefront',
    containerPort: 8080,
    size: '512/1024',
    environments: ['dev', 'staging', 'prod'],
  };

  beforeEach(() => mockDir.clear());

  function localAction() {
    const { options, integrations } = createTestOptions(
      'http://127.0.0.1:1',
      path.join(mockDir.path, 'repos'),
    );
    return createInfraRepoCreateAction({ ...options, integrations });
  }

  it('publishes a local git repository with the rendered files and the skeleton', async () => {
    const workspacePath = path.join(mockDir.path, 'workspace');
    // What the template's fetch:template step leaves in the workspace.
    await fs.mkdir(path.join(workspacePath, 'infra/docs'), { recursive: true });
    await fs.writeFile(
      path.join(workspacePath, 'infra/docs/runbook.md'),
      '# runbook\n',
    );

    const out = await runAction(localAction(), input, { workspacePath });

    const repo = path.join(mockDir.path, 'repos/payments-api-infra');
    expect(out).toMatchObject({
      publishTarget: 'local',
      fullRepositoryId: 'local/payments-api-infra',
      remoteUrl: repo,
      catalogInfoPath: path.join(repo, 'catalog-info.yaml'),
      entityRef: 'component:default/payments-api',
      catalogInfoUrl: '',
    });
    expect(out.files).toContain('environments/prod/taskdef.json');
    const entity = yaml.parse(
      await fs.readFile(path.join(repo, 'catalog-info.yaml'), 'utf8'),
    );
    expect(
      entity.metadata.annotations['ecs-deploy.io/service-arn.staging'],
    ).toBe(
      'arn:aws:ecs:eu-west-1:222222222222:service/storefront-staging/payments-api',
    );
    expect(entity.metadata.annotations['ecs-deploy.io/environments']).toBe(
      'dev,staging,prod',
    );
    await expect(
      fs.readFile(path.join(repo, 'docs/runbook.md'), 'utf8'),
    ).resolves.toBe('# runbook\n');
    const tracked = execFileSync('git', ['ls-files'], { cwd: repo })
      .toString()
      .split('\n');
    expect(tracked).toEqual(
      expect.arrayContaining(['buildspec.yml', 'docs/runbook.md']),
    );
  });

  it('commits nothing when run again', async () => {
    const action = localAction();
    await runAction(action, input, {
      workspacePath: path.join(mockDir.path, 'w1'),
    });
    await runAction(action, input, {
      workspacePath: path.join(mockDir.path, 'w2'),
    });
    const repo = path.join(mockDir.path, 'repos/payments-api-infra');
    const log = execFileSync('git', ['log', '--oneline'], { cwd: repo })
      .toString()
      .trim();
    expect(log.split('\n')).toHaveLength(1);
  });

  it('publishes nothing in a dry run but renders into the workspace', async () => {
    const workspacePath = path.join(mockDir.path, 'workspace');
    await runAction(localAction(), input, { workspacePath, isDryRun: true });
    await expect(
      fs.stat(path.join(mockDir.path, 'repos/payments-api-infra')),
    ).rejects.toThrow(/ENOENT/);
    await expect(
      fs.readFile(
        path.join(workspacePath, 'infra/environments/dev/appspec.yaml'),
        'utf8',
      ),
    ).resolves.toContain('<TASK_DEFINITION>');
  });

  it('leaves GitHub publishing to publish:github and says where', async () => {
    const config = new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 't' }] },
      ecsDeploy: {
        scaffolder: {
          environments: [
            {
              name: 'dev',
              accountId: '111111111111',
              cluster: 'storefront-dev',
            },
          ],
          infraRepository: { type: 'github', owner: 'acme' },
        },
      },
    });
    const { options } = createTestOptions('http://127.0.0.1:1');
    const action = createInfraRepoCreateAction({
      ...options,
      settings: readScaffolderSettings(config, 'eu-west-1'),
      integrations: ScmIntegrations.fromConfig(config),
    });
    const workspacePath = path.join(mockDir.path, 'workspace');
    const out = await runAction(
      action,
      { ...input, environments: ['dev'] },
      { workspacePath },
    );
    expect(out).toMatchObject({
      publishTarget: 'github',
      repoUrl: 'github.com?owner=acme&repo=payments-api-infra',
      fullRepositoryId: 'acme/payments-api-infra',
      catalogInfoUrl:
        'https://github.com/acme/payments-api-infra/blob/main/catalog-info.yaml',
      sourcePath: 'infra',
    });
    await expect(
      fs.readFile(path.join(workspacePath, 'infra/catalog-info.yaml'), 'utf8'),
    ).resolves.toContain('backstage.io/source-location');
  });

  it('fails without a GitHub integration for the host', async () => {
    const config = new ConfigReader({
      ecsDeploy: {
        scaffolder: {
          environments: [
            { name: 'dev', accountId: '111111111111', cluster: 'c' },
          ],
          infraRepository: {
            type: 'github',
            owner: 'acme',
            host: 'ghe.example.com',
          },
        },
      },
    });
    const { options } = createTestOptions('http://127.0.0.1:1');
    const action = createInfraRepoCreateAction({
      ...options,
      settings: readScaffolderSettings(config, 'eu-west-1'),
      integrations: ScmIntegrations.fromConfig(config),
    });
    await expect(
      runAction(
        action,
        { ...input, environments: ['dev'] },
        {
          workspacePath: path.join(mockDir.path, 'w'),
        },
      ),
    ).rejects.toThrow('No GitHub integration for ghe.example.com');
  });

  it.each([
    [{ name: 'Payments API' }, /^name 'Payments API' is not a valid name/],
    [{ size: '256/4096' }, /^size: Fargate does not offer 4096 MiB/],
    [
      { environments: ['qa'] },
      /^environments\[0\]: 'qa' is not an environment of ecsDeploy.scaffolder.environments/,
    ],
    [
      { environments: [{ name: 'dev', accountId: '333333333333' }] },
      /^environments.0: Expected string/,
    ],
    [
      { repositoryName: '../../packages/backend/src' },
      /^repositoryName '..\/..\/packages\/backend\/src' is not a valid name/,
    ],
    [{ repositoryName: '..' }, /^repositoryName '..' is not a valid name/],
    [
      { repositoryName: '/tmp/escape' },
      /^repositoryName '\/tmp\/escape' is not a valid name/,
    ],
    [{ repositoryName: 'zz-escape/../../x' }, /is not a valid name/],
    [{ repositoryName: 'x.git' }, /must not end with '.git'/],
    [
      { owner: 'group:default/team-checkout' },
      /^owner: user:default\/jane is not a member/,
    ],
    [
      { name: 'checkout-web' },
      /^name: component:default\/checkout-web already exists/,
    ],
  ])('rejects bad input %j naming the field', async (override, message) => {
    await expect(
      runAction(
        localAction(),
        { ...input, ...override },
        {
          workspacePath: path.join(mockDir.path, 'w'),
        },
      ),
    ).rejects.toThrow(message);
    await expect(fs.stat(path.join(mockDir.path, 'repos'))).rejects.toThrow();
    await expect(fs.readdir(mockDir.path)).resolves.not.toContain('zz-escape');
  });

  it('refuses git metadata and symbolic links in the workspace', async () => {
    for (const plant of [
      async (dir: string) =>
        fs.writeFile(path.join(dir, '.git'), 'gitdir: /somewhere/else\n'),
      async (dir: string) =>
        fs.mkdir(path.join(dir, 'docs/.git/hooks'), { recursive: true }),
      async (dir: string) =>
        fs.symlink('/etc/hostname', path.join(dir, 'docs/hostname')),
    ]) {
      mockDir.clear();
      const workspacePath = path.join(mockDir.path, 'workspace');
      await fs.mkdir(path.join(workspacePath, 'infra/docs'), {
        recursive: true,
      });
      await plant(path.join(workspacePath, 'infra'));
      await expect(
        runAction(localAction(), input, { workspacePath }),
      ).rejects.toThrow(/^sourcePath: .*(git metadata|symbolic link)/);
      await expect(
        fs.stat(path.join(mockDir.path, 'repos/payments-api-infra')),
      ).rejects.toThrow(/ENOENT/);
    }
  });

  it("refuses a directory that holds another component's repository", async () => {
    const workspacePath = path.join(mockDir.path, 'workspace');
    await runAction(
      localAction(),
      { ...input, name: 'ledger-api' },
      { workspacePath },
    );
    await expect(
      runAction(
        localAction(),
        { ...input, repositoryName: 'ledger-api-infra' },
        { workspacePath: path.join(mockDir.path, 'w2') },
      ),
    ).rejects.toThrow(
      /^repositoryName: .*ledger-api-infra already exists and is not the infrastructure repository of component:default\/payments-api/,
    );
  });

  it('keeps a sourcePath inside the workspace', async () => {
    await expect(
      runAction(
        localAction(),
        { ...input, sourcePath: '../outside' },
        { workspacePath: path.join(mockDir.path, 'workspace') },
      ),
    ).rejects.toThrow(/outside/);
    await expect(fs.stat(path.join(mockDir.path, 'outside'))).rejects.toThrow(
      /ENOENT/,
    );
  });
});
