import type { SeedContext } from '../core/types';
import type { FleetService } from './catalog';
import { ECR_ACCOUNT } from './catalog';
import { entityTags } from './names';
import { manifestFor } from './plan';

/*
 * ECR: one repository per service in the dev account; images tagged with short
 * commit ids, plus the environment tags each environment's pipeline watches.
 */

/** @public */
export async function createRepository(
  ctx: SeedContext,
  service: FleetService,
  region: string,
): Promise<string> {
  const created = await ctx.invoke(
    'ecr',
    'CreateRepository',
    {
      repositoryName: service.name,
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      tags: entityTags(service).map(t => ({ Key: t.key, Value: t.value })),
    },
    { accountId: ECR_ACCOUNT, region },
  );
  return created.repository.repositoryUri as string;
}

/** Pushes a commit's image with `tags` (PutImage per tag, as a retag does). @public */
export async function pushImage(
  ctx: SeedContext,
  service: string,
  commitId: string,
  tags: string[],
  region: string,
): Promise<void> {
  const manifest = manifestFor(service, commitId);
  for (const imageTag of tags) {
    await ctx.invoke(
      'ecr',
      'PutImage',
      {
        repositoryName: service,
        imageManifest: manifest,
        imageManifestMediaType:
          'application/vnd.docker.distribution.manifest.v2+json',
        imageTag,
      },
      { accountId: ECR_ACCOUNT, region },
    );
  }
}
