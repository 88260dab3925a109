import { AwsGateways } from '../aws/AwsGateways';
import { ClassedCache } from '../cache/ClassedCache';

/** What every reader needs: the AWS gateways and the cache for what it derives. */
export interface ReadContext {
  aws: AwsGateways;
  cache: ClassedCache;
}
