import fs from 'node:fs/promises';
import path from 'node:path';
import {
  createMockDirectory,
  createTestOptions,
  runAction,
} from '../../__testUtils__/harness';
import { createInfraRepoCreateAction } from '../../actions/infraRepoCreate';

describe('ecs:infra-repo:create with infrastructure cdk', () => {
  const mockDir = createMockDirectory();
  const input = {
    name: 'payments-api',
    owner: 'group:default/team-payments',
    containerPort: 8080,
    size: '512/1024',
    environments: ['dev', 'prod'],
  };

  beforeEach(() => mockDir.clear());

  function action() {
    const { options, integrations } = createTestOptions(
      'http://127.0.0.1:1',
      path.join(mockDir.path, 'repos'),
    );
    return createInfraRepoCreateAction({ ...options, integrations });
  }

  it('publishes the CDK app and says in the README how to deploy it', async () => {
    const out = await runAction(
      action(),
      {
        ...input,
        infrastructure: 'cdk',
        cdk: { manualApproval: ['prod'] },
      },
      { workspacePath: path.join(mockDir.path, 'workspace') },
    );

    expect(out.files).toEqual(
      expect.arrayContaining([
        'cdk/bin/app.ts',
        'cdk/lib/settings.ts',
        'cdk/lib/service-stack.ts',
        'environments/prod/taskdef.json',
      ]),
    );
    const repo = path.join(mockDir.path, 'repos/payments-api-infra');
    const settings = await fs.readFile(
      path.join(repo, 'cdk/lib/settings.ts'),
      'utf8',
    );
    expect(settings).toContain('"cluster": "storefront-prod"');
    expect(settings).toContain('"repo": "payments-api-infra"');
    const readme = await fs.readFile(path.join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('npx cdk bootstrap aws://111111111111/eu-west-1');
    expect(readme).toContain('npx cdk deploy --all');
  });

  it('writes no CDK app by default', async () => {
    const out = await runAction(action(), input, {
      workspacePath: path.join(mockDir.path, 'workspace'),
    });
    expect(out.files.filter((f: string) => f.startsWith('cdk/'))).toEqual([]);
    const readme = await fs.readFile(
      path.join(mockDir.path, 'repos/payments-api-infra/README.md'),
      'utf8',
    );
    expect(readme).not.toContain('cdk deploy');
  });

  it('refuses an approval for an environment it does not deploy', async () => {
    await expect(
      runAction(action(), {
        ...input,
        infrastructure: 'cdk',
        cdk: { manualApproval: ['staging'] },
      }),
    ).rejects.toThrow(/cdk\.manualApproval: staging/);
  });
});
