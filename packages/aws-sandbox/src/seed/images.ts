import type { SeedContext } from '../core/types';
import {
  createRepository as createFleetRepository,
  pushImage as pushFleetImage,
} from '../testing/ecr';
import type { FleetService } from './catalog';
import { ECR_ACCOUNT } from './catalog';
import { callerAt } from './infrastructure';
import { entityTags } from './names';

/*
 * ECR: one repository per service in the dev account; images tagged with short
 * commit ids, plus the environment tags each environment's pipeline watches.
 */

/** Creates the service's repository; returns its URI. @public */
export async function createRepository(
  ctx: SeedContext,
  service: FleetService,
  region: string,
): Promise<string> {
  const created = await createFleetRepository(
    callerAt(ctx, { accountId: ECR_ACCOUNT, region }),
    { name: service.name, tags: entityTags(service) },
  );
  return created.repositoryUri;
}

/** Pushes a commit's image with `tags` (PutImage per tag, as a retag does). @public */
export async function pushImage(
  ctx: SeedContext,
  service: string,
  commitId: string,
  tags: string[],
  region: string,
): Promise<void> {
  await pushFleetImage(callerAt(ctx, { accountId: ECR_ACCOUNT, region }), {
    repository: service,
    commitId,
    tags,
  });
}
