import { ConfigReader } from '@backstage/config';
import { resolve } from 'node:path';
import { sandboxSourceRepositories } from './sandboxSourceRepositories';

describe('sandboxSourceRepositories', () => {
  it('serves local/<repo> from the configured directory, relative to the working directory', () => {
    expect(
      sandboxSourceRepositories(
        new ConfigReader({
          sourceRepositories: { directory: '../../.data/infra-repos' },
        }),
      ),
    ).toEqual([
      { owner: 'local', directory: resolve('../../.data/infra-repos') },
    ]);
  });

  it('takes another owner', () => {
    expect(
      sandboxSourceRepositories(
        new ConfigReader({
          sourceRepositories: { directory: '/srv/git', owner: 'acme' },
        }),
      ),
    ).toEqual([{ owner: 'acme', directory: '/srv/git' }]);
  });

  it('maps nothing without the key', () => {
    expect(sandboxSourceRepositories(new ConfigReader({}))).toBeUndefined();
  });
});
