import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { publishToLocalGitRepository } from './localGitRepository';

describe('publishToLocalGitRepository', () => {
  const mockDir = createMockDirectory();
  const files = {
    'catalog-info.yaml': 'metadata:\n  name: payments-api\n',
    'environments/dev/taskdef.json': '{}\n',
  };

  beforeEach(() => mockDir.clear());

  it('creates a repository with one commit, and commits nothing the second time', async () => {
    const directory = path.join(mockDir.path, 'payments-api-infra');
    const first = await publishToLocalGitRepository({
      directory,
      files,
      branch: 'main',
      commitMessage: 'Initial',
      owner: {
        entityRef: 'component:default/payments-api',
        claims: ['group:default/team-payments'],
      },
    });
    expect(first.committed).toBe(true);
    await expect(
      fs.readFile(
        path.join(directory, 'environments/dev/taskdef.json'),
        'utf8',
      ),
    ).resolves.toBe('{}\n');

    const second = await publishToLocalGitRepository({
      directory,
      files,
      branch: 'main',
      commitMessage: 'Again',
      owner: {
        entityRef: 'component:default/payments-api',
        claims: ['group:default/team-payments'],
      },
    });
    expect(second).toEqual({ commitId: first.commitId, committed: false });
    const log = execFileSync('git', ['log', '--format=%s', 'main'], {
      cwd: directory,
    }).toString();
    expect(log.trim().split('\n')).toEqual(['Initial']);
  });

  it('refuses a directory that holds another component', async () => {
    const directory = path.join(mockDir.path, 'taken');
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(
      path.join(directory, 'catalog-info.yaml'),
      'metadata:\n  name: other\n',
    );
    await expect(
      publishToLocalGitRepository({
        directory,
        files,
        branch: 'main',
        commitMessage: 'x',
        owner: {
          entityRef: 'component:default/payments-api',
          claims: ['group:default/team-payments'],
        },
      }),
    ).rejects.toThrow(
      /^repositoryName: .* is not the infrastructure repository of component:default\/payments-api/,
    );
  });
});
