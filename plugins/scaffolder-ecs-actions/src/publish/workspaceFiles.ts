import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@backstage/errors';

/**
 * The regular files under a workspace directory, as path to content. What an
 * earlier step put there (a runbook from fetch:template) is published too, so
 * git metadata and links are refused rather than copied: a `.git` entry would
 * let a template rewrite the repository's history or hooks, a symbolic link
 * would publish a file from outside the workspace.
 *
 * @public
 */
export async function readWorkspaceFiles(
  dir: string,
  prefix = '',
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === '.git') {
      throw new InputError(
        `sourcePath: the workspace holds '${rel}'; git metadata is not published`,
      );
    }
    if (entry.isSymbolicLink()) {
      throw new InputError(
        `sourcePath: '${rel}' is a symbolic link; only regular files are published`,
      );
    }
    if (entry.isDirectory()) {
      Object.assign(out, await readWorkspaceFiles(dir, rel));
    } else if (entry.isFile()) {
      out[rel] = await fs.readFile(path.join(dir, rel), 'utf8');
    }
  }
  return out;
}
