import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitFiles } from '../__testUtils__/gitRepository';
import { readGitCommit } from './gitRepository';

describe('readGitCommit', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-git-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads the branch head: commit id, message, author date and every file', () => {
    const dir = path.join(root, 'web-infra');
    commitFiles(dir, { 'README.md': '# web\n' }, 'Initial');
    const head = commitFiles(
      dir,
      {
        'environments/dev/taskdef.json': '{"family":"web-dev"}\n',
        'README.md': null,
      },
      'Add the dev task definition\n\nWith a body.',
    );

    const read = readGitCommit(dir, { branch: 'main' });

    expect(read).toEqual({
      found: 'commit',
      commit: {
        commitId: head,
        message: 'Add the dev task definition\n\nWith a body.',
        authorDate: expect.any(Number),
        files: { 'environments/dev/taskdef.json': '{"family":"web-dev"}\n' },
        at: expect.any(Number),
      },
    });
  });

  it('reads an earlier commit by id, and only the files it had', () => {
    const dir = path.join(root, 'web-infra');
    const first = commitFiles(dir, { 'a.txt': 'one' }, 'First');
    commitFiles(dir, { 'a.txt': 'two', 'b.txt': 'new' }, 'Second');

    const read = readGitCommit(dir, { commitId: first });

    expect(read).toMatchObject({
      found: 'commit',
      commit: { commitId: first, message: 'First', files: { 'a.txt': 'one' } },
    });
  });

  it('tells a missing branch or commit from a missing repository', () => {
    const dir = path.join(root, 'web-infra');
    commitFiles(dir, { 'a.txt': 'one' }, 'First');

    expect(readGitCommit(dir, { branch: 'release' })).toEqual({
      found: 'no-revision',
    });
    expect(readGitCommit(dir, { commitId: 'f'.repeat(40) })).toEqual({
      found: 'no-revision',
    });
    expect(readGitCommit(dir, { commitId: '--all' })).toEqual({
      found: 'no-revision',
    });
    expect(readGitCommit(path.join(root, 'nope'), { branch: 'main' })).toEqual({
      found: 'no-repository',
    });
  });

  it('does not take a plain directory inside another repository for a repository', () => {
    commitFiles(root, { 'outer.txt': 'outer' }, 'Outer');
    const inner = path.join(root, 'not-a-repository');
    fs.mkdirSync(inner);

    expect(readGitCommit(inner, { branch: 'main' })).toEqual({
      found: 'no-repository',
    });
  });

  it('leaves the repository as it was', () => {
    const dir = path.join(root, 'web-infra');
    commitFiles(dir, { 'a.txt': 'one' }, 'First');
    const status = () =>
      execFileSync('git', ['status', '--porcelain', '--ignored'], {
        cwd: dir,
      }).toString();
    const before = status();
    const refs = fs.readdirSync(path.join(dir, '.git', 'refs', 'heads'));

    readGitCommit(dir, { branch: 'main' });

    expect(status()).toBe(before);
    expect(fs.readdirSync(path.join(dir, '.git', 'refs', 'heads'))).toEqual(
      refs,
    );
  });
});
