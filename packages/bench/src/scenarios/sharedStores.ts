import knexFactory from 'knex';
import net from 'node:net';

/**
 * The production shape's stores for the bench's replicas: one PostgreSQL
 * and one Redis database of their own, emptied before each run so that
 * every run starts as a fresh deployment of the portal would.
 */
export interface SharedStores {
  postgresUrl: string;
  /** `redis://host:port/db`: the bench empties that database */
  redisUrl: string;
}

/** The database the plugin gets with this prefix (`<prefix><pluginId>`). */
const PREFIX = 'ecs_deploy_bench_';
const PLUGIN_DATABASE = `${PREFIX}ecs-deploy`;

/** Root config of a replica on the shared stores. */
export function sharedStoresConfig(stores: SharedStores) {
  return {
    backend: {
      database: {
        client: 'pg',
        connection: stores.postgresUrl,
        prefix: PREFIX,
      },
      cache: { store: 'redis', connection: stores.redisUrl },
    },
  };
}

/** Drops the plugin's database and empties the Redis database. */
export async function resetSharedStores(stores: SharedStores): Promise<void> {
  const knex = knexFactory({ client: 'pg', connection: stores.postgresUrl });
  try {
    await knex.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [
      PLUGIN_DATABASE,
    ]);
  } finally {
    await knex.destroy();
  }
  await flushRedisDatabase(stores.redisUrl);
}

/** SELECT db + FLUSHDB over the Redis protocol; the bench needs nothing more. */
function flushRedisDatabase(url: string): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  const db = pathname.replace('/', '') || '0';
  const command = (...args: string[]) =>
    `*${args.length}\r\n${args.map(a => `$${a.length}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port || 6379), hostname);
    let answer = '';
    socket.setTimeout(5_000, () =>
      socket.destroy(new Error(`no answer from Redis at ${url}`)),
    );
    socket.on('data', chunk => {
      answer += chunk.toString();
      if (answer.split('\r\n').filter(Boolean).length >= 2) {
        socket.end();
        if (answer.startsWith('-') || answer.includes('\r\n-')) {
          reject(new Error(`Redis refused FLUSHDB: ${answer.trim()}`));
        } else resolve();
      }
    });
    socket.once('error', reject);
    socket.write(command('SELECT', db) + command('FLUSHDB'));
  });
}
