import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The plugin's database, migrated to the latest schema unless the installation manages migrations. */
export async function openPluginDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({
      directory: resolvePackagePath(
        '@ecs-deploy/plugin-ecs-deploy-backend',
        'migrations',
      ),
    });
  }
  return client;
}
