import { TestCaches, TestDatabases } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';

/**
 * The production shape for tests of replicas: one PostgreSQL and one Redis
 * (both run on these machines and in CI; scripts/test.sh points the tests at
 * them). In CI their absence fails the file instead of skipping it.
 */
export function sharedStores() {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15'],
    disableDocker: true,
  });
  const caches = TestCaches.create({ ids: ['REDIS_7'], disableDocker: true });
  const available =
    databases.supports('POSTGRES_15') && caches.supports('REDIS_7');
  if (process.env.CI && !available) {
    throw new Error(
      'CI must test replicas on PostgreSQL and Redis: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING and BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING',
    );
  }
  return {
    /**
     * A fresh database, and `backend.cache` on the Redis with a key
     * namespace of its own, so nothing an earlier run left answers for AWS.
     */
    async init() {
      const knex = await databases.init('POSTGRES_15');
      const { connection } = await caches.init('REDIS_7');
      const cache = {
        store: 'redis',
        connection,
        redis: { client: { namespace: `test-${randomUUID()}` } },
      };
      return { knex, cache };
    },
    describeIfAvailable: available ? describe : describe.skip,
  };
}
