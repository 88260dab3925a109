import { startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  Sandbox,
  createMockDirectory,
  createTestOptions,
  runAction,
} from './__testUtils__/harness';
import { createCodeDeployCreateAction } from './actions/codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './actions/ecrEnsureRepository';
import { createEcsServiceCreateAction } from './actions/ecsServiceCreate';
import { createInfraRepoCreateAction } from './actions/infraRepoCreate';
import { createPipelineCreateAction } from './actions/pipelineCreate';

/*
 * The template's steps for a new service in the three environments of the
 * demo fleet (seed 'demo', as the portal runs it), and a taken name refused.
 */
describe('a new service next to the demo fleet', () => {
  const mockDir = createMockDirectory();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo', port: 0 });
  });
  afterAll(() => sandbox.close());

  it('creates it in dev, staging and prod', async () => {
    const { options, integrations } = createTestOptions(
      sandbox.url,
      mockDir.resolve('repos'),
    );
    const name = 'reviews-api';
    await runAction(
      createInfraRepoCreateAction({ ...options, integrations }),
      {
        name,
        owner: 'group:default/team-payments',
        system: 'storefront',
        containerPort: 8080,
        size: '512/1024',
        environments: ['dev', 'staging', 'prod'],
      },
      { workspacePath: mockDir.resolve('workspace') },
    );
    await runAction(createEcrEnsureRepositoryAction(options), { name });
    for (const environment of ['dev', 'staging', 'prod']) {
      const service = await runAction(createEcsServiceCreateAction(options), {
        name,
        environment,
        containerPort: 8080,
        size: '512/1024',
      });
      await runAction(createCodeDeployCreateAction(options), {
        name,
        environment,
        waitForApproval: environment === 'prod',
      });
      const pipeline = await runAction(createPipelineCreateAction(options), {
        name,
        environment,
        manualApproval: environment === 'prod',
      });
      expect(pipeline.pipelineArn).toBe(
        `arn:aws:codepipeline:eu-west-1:${
          service.serviceArn.split(':')[4]
        }:${name}-${environment}`,
      );
    }
  });

  // The demo's checkout-web belongs to team-checkout: jane of team-payments
  // can neither create it again nor adopt its resources.
  it("refuses a demo service's name to another team", async () => {
    const { options } = createTestOptions(sandbox.url);
    sandbox.callLog.reset();
    await expect(
      runAction(createEcsServiceCreateAction(options), {
        name: 'checkout-web',
        environment: 'prod',
        containerPort: 8080,
        size: '512/1024',
      }),
    ).rejects.toThrow(
      /^name: component:default\/checkout-web already exists in the catalog, owned by group:default\/team-checkout/,
    );
    expect(sandbox.callLog.total()).toBe(0);
  });
});
