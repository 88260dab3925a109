import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { createMockDirectory } from './__testUtils__/harness';
import scaffolderModuleEcsActions from './index';

describe('scaffolderModuleEcsActions', () => {
  const mockDir = createMockDirectory({ content: { work: {} } });

  it('registers the ecs:* actions with their schemas from app config', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleEcsActions,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost',
              workingDirectory: mockDir.resolve('work'),
            },
            ecsDeploy: {
              aws: {
                endpoint: 'http://127.0.0.1:1',
                defaultRegion: 'eu-west-1',
              },
              scaffolder: {
                environments: [
                  {
                    name: 'dev',
                    accountId: '111111111111',
                    cluster: 'storefront-dev',
                  },
                ],
                infraRepository: {
                  type: 'local',
                  directory: mockDir.resolve('repos'),
                },
              },
            },
          },
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.service(),
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const res = await fetch(
        `http://localhost:${port}/api/scaffolder/v2/actions`,
      );
      const actions: {
        id: string;
        schema?: { input?: any };
        examples?: unknown[];
      }[] = await res.json();
      const ours = actions.filter(a => a.id.startsWith('ecs:'));
      expect(ours.map(a => a.id).sort()).toEqual([
        'ecs:codedeploy:create',
        'ecs:ecr:ensure-repository',
        'ecs:infra-repo:create',
        'ecs:pipeline:create',
        'ecs:service:check',
        'ecs:service:create',
      ]);
      for (const action of ours) {
        expect(action.examples?.length).toBeGreaterThan(0);
      }
      const service = ours.find(a => a.id === 'ecs:service:create');
      expect(service?.schema?.input?.required).toEqual(
        expect.arrayContaining([
          'name',
          'owner',
          'environment',
          'containerPort',
        ]),
      );
      // Nothing that names an account, role or AWS resource is an input.
      for (const action of ours) {
        const inputs = Object.keys(action.schema?.input?.properties ?? {});
        expect(inputs).not.toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              /Arn$|^accountId$|^region$|^cluster$|^entityRef$|^image$|^loadBalancer$/,
            ),
          ]),
        );
      }
    } finally {
      await backend.stop();
    }
  });
});
