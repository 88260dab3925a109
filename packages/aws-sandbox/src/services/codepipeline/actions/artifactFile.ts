import type { ActionEnv } from './actionRunner';

/**
 * A file of one of the action's input artifacts (paths as in the repository,
 * `./` allowed); undefined when the action has no such input artifact or the
 * artifact no such file.
 */
export function artifactFile(
  env: ActionEnv,
  artifactName: string | undefined,
  filePath: string,
): string | undefined {
  const artifact = env.artifact(artifactName);
  return artifact?.files[filePath.replace(/^(\.?\/)+/, '')];
}
