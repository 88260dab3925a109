import fs from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import yaml from 'yaml';
import {
  JANE,
  Sandbox,
  createClusters,
  createMockDirectory,
  createTestOptions,
  mutations,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createCodeDeployCreateAction } from '../actions/codeDeployCreate';
import { createEcrEnsureRepositoryAction } from '../actions/ecrEnsureRepository';
import { createEcsServiceCreateAction } from '../actions/ecsServiceCreate';
import { createInfraRepoCreateAction } from '../actions/infraRepoCreate';
import { createPipelineCreateAction } from '../actions/pipelineCreate';
import { createServiceCheckAction } from '../actions/serviceCheck';

/*
 * The Software Template in templates/ecs-service, dry-run by the real
 * scaffolder backend with these actions against the sandbox: catches template
 * expressions (each, if, step outputs) that do not fit the actions' inputs.
 */

const templateDir = path.resolve(
  __dirname,
  '../../../../templates/ecs-service',
);

function readDirectory(
  dir: string,
  prefix = '',
): { path: string; base64Content: string }[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory()
        ? readDirectory(dir, rel)
        : [
            {
              path: rel,
              base64Content: fs
                .readFileSync(path.join(dir, rel))
                .toString('base64'),
            },
          ];
    });
}

describe('templates/ecs-service', () => {
  const mockDir = createMockDirectory();
  let sandbox: Sandbox;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    mockDir.addContent({ work: {} });
    const harness = createTestOptions(sandbox.url, mockDir.resolve('repos'));
    await createClusters(harness.clients);
    const actionsModule = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'ecs-actions-test',
      register(reg) {
        reg.registerInit({
          deps: { scaffolder: scaffolderActionsExtensionPoint },
          async init({ scaffolder }) {
            scaffolder.addActions(
              createServiceCheckAction(harness.options),
              createInfraRepoCreateAction({
                ...harness.options,
                integrations: harness.integrations,
              }),
              createEcrEnsureRepositoryAction(harness.options),
              createEcsServiceCreateAction(harness.options),
              createCodeDeployCreateAction(harness.options),
              createPipelineCreateAction(harness.options),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        actionsModule,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost',
              workingDirectory: mockDir.resolve('work'),
            },
          },
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.user(JANE),
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}/api/scaffolder`;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    await sandbox?.close();
  });

  async function dryRun(values: Record<string, unknown>) {
    const template = yaml.parse(
      fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
    );
    const res = await fetch(`${baseUrl}/v2/dry-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        template,
        values,
        directoryContents: readDirectory(templateDir).filter(
          f => f.path !== 'template.yaml',
        ),
      }),
    });
    const body = await res.json();
    return { status: res.status, body };
  }

  it('dry-runs a CodeDeploy canary service in three environments', async () => {
    sandbox.callLog.reset();
    const { status, body } = await dryRun({
      name: 'new-api',
      owner: 'group:default/team-payments',
      description: 'A new service',
      containerPort: 8080,
      size: '512/1024',
      environments: ['dev', 'staging', 'prod'],
      strategy: 'canary',
      manualApproval: true,
    });
    const log = (body.log ?? []).map((l: any) => l.body?.message).join('\n');
    expect({ status, errors: body.errors ?? body.error }).toEqual({
      status: 200,
      errors: undefined,
    });
    expect(log).toContain('Dry run: would create load balancer new-api-prod');
    expect(log).toContain(
      'Dry run: would create CodeDeploy application new-api',
    );
    expect(log).toContain('Dry run: would create pipeline new-api-staging');
    expect(body.output.links[0]).toMatchObject({
      entityRef: 'component:default/new-api',
    });
    // A dry run reads but creates nothing.
    const created = Object.keys(sandbox.callLog.counts()).filter(k =>
      /:(Create|Register)/.test(k),
    );
    expect(created).toEqual([]);
  });

  it('dry-runs an ECS native linear service', async () => {
    const { status, body } = await dryRun({
      name: 'native-api',
      owner: 'group:default/team-payments',
      containerPort: 3000,
      size: '256/512',
      environments: ['dev', 'prod'],
      strategy: 'ecs-linear',
      manualApproval: false,
      holdBeforeTraffic: true,
      bakeTimeInMinutes: 7,
    });
    const log = (body.log ?? []).map((l: any) => l.body?.message).join('\n');
    expect({ status, errors: body.errors ?? body.error }).toEqual({
      status: 200,
      errors: undefined,
    });
    expect(log).toContain('ECS service native-api (ECS LINEAR)');
    expect(log).not.toContain('CodeDeploy application');
  });

  it('dry-runs a worker without a load balancer', async () => {
    const { status, body } = await dryRun({
      name: 'queue-worker',
      owner: 'group:default/team-payments',
      containerPort: 8080,
      size: '256/512',
      environments: ['dev'],
      strategy: 'ecs-rolling',
      manualApproval: false,
    });
    const log = (body.log ?? []).map((l: any) => l.body?.message).join('\n');
    expect({ status, errors: body.errors ?? body.error }).toEqual({
      status: 200,
      errors: undefined,
    });
    expect(log).toContain(
      'Dry run: would create task definition queue-worker-dev, ECS service queue-worker (ECS ROLLING)',
    );
    expect(log).not.toContain('load balancer queue-worker-dev');
  });

  it('dry-runs the CDK option: the app is rendered, the AWS steps are skipped', async () => {
    sandbox.callLog.reset();
    const { status, body } = await dryRun({
      name: 'cdk-api',
      owner: 'group:default/team-payments',
      containerPort: 8080,
      size: '512/1024',
      environments: ['dev', 'prod'],
      strategy: 'canary',
      manualApproval: true,
      infrastructure: 'cdk',
    });
    const log = (body.log ?? []).map((l: any) => l.body?.message).join('\n');
    expect({ status, errors: body.errors ?? body.error }).toEqual({
      status: 200,
      errors: undefined,
    });
    expect(log).not.toContain('Dry run: would create load balancer');
    expect(log).not.toContain('Dry run: would create pipeline');
    const rendered = (body.directoryContents ?? []).map(
      (f: { path: string }) => f.path,
    );
    expect(rendered).toEqual(
      expect.arrayContaining([
        'infra/cdk/bin/app.ts',
        'infra/cdk/package.json',
      ]),
    );
    expect(body.output.links[1].url).toContain(
      '/codepipeline/pipelines/cdk-api-dev/view',
    );
    expect(mutations(sandbox)).toEqual({});
  });

  it("stops at the first step when the service is another team's", async () => {
    sandbox.callLog.reset();
    const { status, body } = await dryRun({
      name: 'checkout-web',
      owner: 'group:default/team-payments',
      containerPort: 8080,
      size: '512/1024',
      environments: ['dev', 'prod'],
      strategy: 'canary',
      manualApproval: true,
    });
    // The check step refuses; the dry run answers with its error.
    expect(status).toBe(403);
    expect(body.error.message).toMatch(
      /^name: component:default\/checkout-web already exists in the catalog, owned by group:default\/team-checkout/,
    );
    expect(mutations(sandbox)).toEqual({});
  });
});
