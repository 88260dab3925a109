import { Config } from '@backstage/config';

/**
 * The AWS settings of the ECS Deploy plugins, read from `ecsDeploy.aws`.
 *
 * @public
 */
export interface EcsDeployAwsSettings {
  /** Endpoint override for every client (the AWS sandbox); unset for AWS. */
  endpoint?: string;
  /** Region used when a resource names none. */
  defaultRegion: string;
  /** Attempts per AWS call, retries included. */
  maxAttempts: number;
}

/**
 * Reads `ecsDeploy.aws` from the root config.
 *
 * @public
 */
export function readEcsDeployAwsSettings(config: Config): EcsDeployAwsSettings {
  const aws = config.getOptionalConfig('ecsDeploy.aws');
  return {
    endpoint: aws?.getOptionalString('endpoint'),
    defaultRegion: aws?.getOptionalString('defaultRegion') ?? 'us-east-1',
    maxAttempts: aws?.getOptionalNumber('maxAttempts') ?? 3,
  };
}
