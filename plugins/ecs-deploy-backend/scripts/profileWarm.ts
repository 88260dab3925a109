/*
 * Warm requests against the demo sandbox, for a CPU profile of the request
 * path. Run from plugins/ecs-deploy-backend:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/profileWarm.ts \
 *     [rounds] [profile.cpuprofile]
 *
 * It starts the sandbox (demo seed, clock stopped) and the plugin in a test
 * backend (in-process catalog and permissions, so the profile shows the
 * plugin's own work), reads every route once cold, then `rounds` times warm,
 * and prints the mean time per warm request and the AWS calls they made.
 * ROUND_TRIP_MS=5 makes every catalog lookup and permission decision take
 * that long, as the HTTP round trips to the catalog and the permission
 * backend of a real installation do. The event loop's longest delay during
 * the warm rounds is printed too.
 * With a file name, the warm rounds alone are profiled (as `--cpu-prof`
 * would, without the start-up) and the functions with the most self time
 * are printed.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ecsDeployPlugin } from '../src/plugin';

const ACCOUNTS: Record<string, string> = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};
const ENVS = ['dev', 'staging', 'prod'];
const NAMES = ['payments-api', 'checkout-web', 'search-api'];

function entity(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'ecs-deploy.io/environments': ENVS.join(','),
        ...Object.fromEntries(
          ENVS.flatMap(env => [
            [
              `ecs-deploy.io/service-arn.${env}`,
              `arn:aws:ecs:eu-west-1:${ACCOUNTS[env]}:service/storefront-${env}/${name}`,
            ],
            [
              `ecs-deploy.io/pipeline-arn.${env}`,
              `arn:aws:codepipeline:eu-west-1:${ACCOUNTS[env]}:${name}-${env}`,
            ],
          ]),
        ),
      },
    },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  };
}

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
}

/** The functions with the most self time, as a share of the samples. */
function printTop(profile: { nodes: ProfileNode[]; samples?: number[] }) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  for (const id of samples) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/src\//, 'src/');
    const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log('self time, share of samples:');
  for (const [name, count] of top) {
    console.log(`  ${((100 * count) / samples.length).toFixed(1)}% ${name}`);
  }
}

const roundTripMs = Number(process.env.ROUND_TRIP_MS ?? 0);
const roundTrip = () => new Promise(r => setTimeout(r, roundTripMs));

/** The catalog and the permission framework, each call a round trip away. */
function remoteServices(entities: ReturnType<typeof entity>[]) {
  const calls = { catalog: 0, permissions: 0 };
  const catalog = catalogServiceMock({ entities });
  const permissions = mockServices.permissions();
  return {
    calls,
    factories: [
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => ({
          ...catalog,
          getEntityByRef: async (
            ...args: Parameters<typeof catalog.getEntityByRef>
          ) => {
            calls.catalog += 1;
            if (roundTripMs) await roundTrip();
            return catalog.getEntityByRef(...args);
          },
        }),
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          ...permissions,
          authorize: async (
            ...args: Parameters<typeof permissions.authorize>
          ) => {
            calls.permissions += 1;
            if (roundTripMs) await roundTrip();
            return args[0].map(() => ({ result: AuthorizeResult.ALLOW }));
          },
        }),
      }),
    ],
  };
}

async function main() {
  const rounds = Number(process.argv[2] ?? 300);
  const remote = remoteServices(NAMES.map(entity));
  const sb = await startSandbox({ seed: 'demo', speed: 0 });
  const backend = await startTestBackend({
    features: [
      ecsDeployPlugin,
      mockServices.rootConfig.factory({
        data: {
          aws: {
            accounts: Object.values(ACCOUNTS).map(accountId => ({
              accountId,
              accessKeyId: accountId,
              secretAccessKey: 'sandbox',
            })),
          },
          ecsDeploy: {
            aws: { endpoint: sb.url, defaultRegion: 'eu-west-1' },
            // Warm for the whole run, whatever the TTL policy.
            cache: { activeTtlSeconds: 3600, listTtlSeconds: 3600 },
            watch: { enabled: false },
          },
        },
      }),
      ...remote.factories,
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/ecs-deploy/entities/component/default`;
  const headers = { authorization: mockCredentials.user.header() };
  const paths = NAMES.flatMap(name => [
    `${base}/${name}/environments`,
    `${base}/${name}/history?limit=25`,
    `${base}/${name}/ledger`,
    `${base}/${name}/traffic`,
  ]);
  const get = async (url: string) => {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  };
  for (const url of paths) await get(url); // cold
  for (const url of paths) await get(url); // warm once
  sb.callLog.reset();
  remote.calls.catalog = 0;
  remote.calls.permissions = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const profileFile = process.argv[3];
  const session = profileFile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const perRoute = new Map<string, number>();
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const url of paths) {
      const t = performance.now();
      await get(url);
      const route = new URL(url).pathname.split('/').pop()!;
      perRoute.set(route, (perRoute.get(route) ?? 0) + performance.now() - t);
    }
  }
  const total = performance.now() - started;
  delay.disable();
  if (session && profileFile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    printTop(profile);
  }
  const n = rounds * paths.length;
  console.log(
    `${n} warm requests in ${total.toFixed(0)} ms: ${(total / n).toFixed(
      2,
    )} ms each, ${sb.callLog.total()} AWS calls, ${
      remote.calls.catalog
    } catalog lookups, ${remote.calls.permissions} permission requests`,
  );
  console.log(
    `  event loop delay: p99 ${(delay.percentile(99) / 1e6).toFixed(
      1,
    )} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
  );
  for (const [route, ms] of perRoute) {
    console.log(
      `  ${route}: ${(ms / (rounds * NAMES.length)).toFixed(2)} ms each`,
    );
  }
  await backend.stop();
  await sb.close();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
