/*
 * Hosts the awslabs ECS backend plugin in a Backstage test backend of its
 * own, in a process started by peer.ts with NODE_PATH pointing at a folder
 * where it was assembled by hand (it is not a dependency of this repository:
 * docs/performance.md says why) and AWS_ENDPOINT_URL at the sandbox.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AddressInfo } from 'node:net';
import { SANDBOX_ACCOUNTS } from '../backendUnderTest';

export interface PeerJob {
  entities: Entity[];
}

async function host(job: PeerJob) {
  const backend = await startTestBackend({
    features: [
      // Resolved through NODE_PATH at run time, never installed here.
      require('@aws/amazon-ecs-plugin-for-backstage-backend').default,
      catalogServiceMock.factory({ entities: job.entities }),
      mockServices.rootConfig.factory({
        data: {
          aws: {
            accounts: SANDBOX_ACCOUNTS.map(accountId => ({
              accountId,
              accessKeyId: accountId,
              secretAccessKey: 'x',
            })),
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  process.send!({ url: `http://127.0.0.1:${port}` });
  process.once('disconnect', () => {
    backend.stop().finally(() => process.exit(0));
  });
}

if (require.main === module) {
  process.once('message', (job: PeerJob) => {
    host(job).catch(error => {
      process.send!({ error: String(error?.stack ?? error) });
      process.exit(1);
    });
  });
}
