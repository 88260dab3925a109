import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { CacheTtls } from '../../config';
import { ReadCache } from '../cache/ReadCache';

/** What every AWS reader needs: clients, the cache and its lifetimes. */
export interface ReadContext {
  clients: AwsClientFactory;
  cache: ReadCache;
  ttl: CacheTtls;
}
