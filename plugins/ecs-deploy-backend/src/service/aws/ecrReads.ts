import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { callAws } from './callAws';
import { ReadContext } from './ReadContext';

/** `111111111111.dkr.ecr.eu-west-1.amazonaws.com/name:tag` split up, or undefined for other registries. */
export function parseEcrImageUri(
  uri: string,
): { accountId: string; region: string; repository: string } | undefined {
  const match =
    /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(
      uri,
    );
  return match
    ? { accountId: match[1], region: match[2], repository: match[3] }
    : undefined;
}

/**
 * The digest an ECR tag points at (one DescribeImages call, cached for the
 * resolution TTL: tags are commit ids in this suite's convention, but
 * environment tags move on promotion, so not forever).
 */
export async function digestOfTag(
  ctx: ReadContext,
  image: { accountId: string; region: string; repository: string },
  tag: string,
): Promise<string | undefined> {
  const found = await ctx.cache.get(
    `ecr:digest:${image.accountId}:${image.region}:${image.repository}:${tag}`,
    async () => {
      const { ecr } = await ctx.clients.forResource(image);
      // A tag that is gone is an answer too: cache it rather than ask again.
      const out = await callAws(
        () =>
          ecr.send(
            new DescribeImagesCommand({
              repositoryName: image.repository,
              registryId: image.accountId,
              imageIds: [{ imageTag: tag }],
            }),
          ),
        { resource: `${image.repository}:${tag}` },
      ).catch(error => {
        if (error.name === 'NotFoundError') return { imageDetails: [] };
        throw error;
      });
      return { digest: out.imageDetails?.[0]?.imageDigest ?? null };
    },
    ctx.ttl.resolution,
  );
  return found.digest ?? undefined;
}
