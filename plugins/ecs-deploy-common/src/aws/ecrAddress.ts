import { AwsPartition, partitionOfRegion } from './partition';

/*
 * Private ECR registries are `<account>.dkr.ecr.<region>.<dns suffix>`; the
 * suffix is the partition's: China's endpoints end in `amazonaws.com.cn`.
 */

const DNS_SUFFIX: Record<AwsPartition, string> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
};

/**
 * The host of an account's private registry in a region.
 *
 * @public
 */
export function ecrRegistryHost(registry: {
  accountId: string;
  region: string;
}): string {
  const suffix = DNS_SUFFIX[partitionOfRegion(registry.region)];
  return `${registry.accountId}.dkr.ecr.${registry.region}.${suffix}`;
}

/**
 * The address task definitions name a repository's images by, without tag
 * or digest.
 *
 * @public
 */
export function ecrRepositoryUri(repository: {
  accountId: string;
  region: string;
  name: string;
}): string {
  return `${ecrRegistryHost(repository)}/${repository.name}`;
}

/**
 * An image in a private ECR registry, split up.
 *
 * @public
 */
export interface EcrImageAddress {
  /** `<account>.dkr.ecr.<region>.<dns suffix>` */
  registry: string;
  /** The registry's account. */
  accountId: string;
  /** The registry's region. */
  region: string;
  /** The repository's name. */
  repository: string;
  /** The tag, when the URI names one. */
  tag?: string;
  /** `sha256:<64 hex>` */
  digest?: string;
}

const IMAGE_URI =
  /^((\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?))\/([a-z0-9][a-z0-9._/-]*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/**
 * Splits `<registry>/<repository>[:tag][@digest]`, or returns undefined for
 * an image of another registry or a registry host that does not belong to
 * its region's partition.
 *
 * @public
 */
export function parseEcrImageUri(uri: string): EcrImageAddress | undefined {
  const match = IMAGE_URI.exec(uri);
  if (!match) return undefined;
  const [, registry, accountId, region, suffix, repository, tag, digest] =
    match;
  if (DNS_SUFFIX[partitionOfRegion(region)] !== suffix) return undefined;
  return {
    registry,
    accountId,
    region,
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}
