import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The demo and fleet accounts; the sandbox tells them apart by access key id. */
export const SANDBOX_ACCOUNTS = [
  '111111111111',
  '222222222222',
  '333333333333',
];

/** One request's outcome as a viewer sees it. */
export interface Outcome {
  status: number;
  ms: number;
  body?: unknown;
  /** network failure (no HTTP answer) */
  error?: string;
}

export interface BackendUnderTest {
  baseUrl: string;
  server: Server;
  get(path: string): Promise<Outcome>;
  stop(): Promise<void>;
}

/**
 * The real ecs-deploy backend plugin in a Backstage backend of its own
 * (startTestBackend: real HTTP server, router, auth, in-memory cache), with a
 * catalog holding `entities`, reading AWS from the sandbox at `endpoint`.
 */
export async function startBackendUnderTest(options: {
  endpoint: string;
  entities: Entity[];
  extraConfig?: Record<string, unknown>;
  /** more of `ecsDeploy` than the sandbox endpoint */
  ecsDeploy?: Record<string, unknown>;
  features?: any[];
}): Promise<BackendUnderTest> {
  const backend = await startTestBackend({
    features: [
      // The bench is a harness around the plugin, not a plugin of its own.
      // eslint-disable-next-line @backstage/no-mixed-plugin-imports
      import('@ecs-deploy/plugin-ecs-deploy-backend'),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          ecsDeploy: {
            aws: { endpoint: options.endpoint, defaultRegion: 'eu-west-1' },
            // The parts measure an entity's first load: none is read at
            // start unless a part says (the page mode does).
            warmEntitiesOnStart: 0,
            ...options.ecsDeploy,
          },
          aws: {
            mainAccount: { accessKeyId: 'x', secretAccessKey: 'x' },
            accounts: SANDBOX_ACCOUNTS.map(accountId => ({
              accountId,
              // The sandbox tells accounts apart by the access key id.
              accessKeyId: accountId,
              secretAccessKey: 'x',
            })),
          },
          ...options.extraConfig,
        },
      }),
      ...(options.features ?? []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const auth = mockCredentials.user.header();
  return {
    baseUrl,
    server: backend.server,
    async get(path) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}${path}`, {
          headers: { authorization: auth },
        });
        const text = await response.text();
        const ms = performance.now() - started;
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // keep the text
        }
        return { status: response.status, ms, body };
      } catch (error) {
        return {
          status: 0,
          ms: performance.now() - started,
          error: String(error),
        };
      }
    },
    stop: () => backend.stop(),
  };
}

export const entityPath = (name: string) =>
  `/api/ecs-deploy/entities/component/default/${name}`;
