/**
 * The AWS partitions the suite names resources in: the commercial regions,
 * China and GovCloud (US). ARNs, registry hosts and console hosts differ
 * between them.
 *
 * @public
 */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * The partition a region belongs to: `cn-*` regions are `aws-cn`,
 * `us-gov-*` regions `aws-us-gov`, all others `aws`.
 *
 * @public
 */
export function partitionOfRegion(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
