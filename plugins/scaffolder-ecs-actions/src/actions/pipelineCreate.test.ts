import {
  GetPipelineCommand,
  ListTagsForResourceCommand,
  CreatePipelineCommand,
} from '@aws-sdk/client-codepipeline';
import {
  ACCOUNTS,
  Sandbox,
  createCheckpointStore,
  createClusters,
  createMockDirectory,
  createTestOptions,
  mutations,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { buildPipelineDeclaration } from '../render/pipelineDeclaration';
import { createCodeDeployCreateAction } from './codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './ecrEnsureRepository';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
import { createInfraRepoCreateAction } from './infraRepoCreate';
import { createPipelineCreateAction } from './pipelineCreate';

describe('ecs:pipeline:create against the sandbox', () => {
  let sandbox: Sandbox;
  let harness: ReturnType<typeof createTestOptions>;
  let action: ReturnType<typeof createPipelineCreateAction>;
  const codePipeline = async () =>
    (
      await harness.clients.forResource({
        accountId: ACCOUNTS.dev,
        region: 'eu-west-1',
      })
    ).codePipeline;

  const mockDir = createMockDirectory();

  /** What the template does before the pipeline step, for one service in dev. */
  async function prepare(
    name: string,
    controller: 'CODE_DEPLOY' | 'ECS' = 'CODE_DEPLOY',
  ) {
    await runAction(
      createInfraRepoCreateAction({
        ...harness.options,
        integrations: harness.integrations,
      }),
      {
        name,
        containerPort: 8080,
        size: '256/512',
        environments: ['dev'],
        deploymentController: controller,
      },
      { workspacePath: mockDir.resolve(`workspace-${name}`) },
    );
    await runAction(createEcrEnsureRepositoryAction(harness.options), {
      name,
    });
    const service = await runAction(
      createEcsServiceCreateAction(harness.options),
      {
        name,
        environment: 'dev',
        containerPort: 8080,
        size: '256/512',
        deploymentController: controller,
      },
    );
    if (controller === 'CODE_DEPLOY') {
      await runAction(createCodeDeployCreateAction(harness.options), {
        name,
        environment: 'dev',
      });
    }
    return service;
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url, mockDir.resolve('repos'));
    action = createPipelineCreateAction(harness.options);
    await createClusters(harness.clients);
    await prepare('payments-api');
    await prepare('flaky-api');
    await prepare('orders-worker', 'ECS');
    await prepare('taken-api');
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.callLog.reset();
    sandbox.faults.clear();
  });

  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environment: 'dev',
    ...extra,
  });

  it('creates a V2 blue/green pipeline with a manual approval, then nothing on a second run', async () => {
    const out = await runAction(
      action,
      input('payments-api', { manualApproval: true }),
    );
    expect(out).toMatchObject({
      pipelineName: 'payments-api-dev',
      pipelineArn:
        'arn:aws:codepipeline:eu-west-1:111111111111:payments-api-dev',
      created: ['pipeline payments-api-dev'],
      consoleUrl: expect.stringContaining(
        '/codepipeline/pipelines/payments-api-dev/view',
      ),
    });
    const { pipeline } = await (
      await codePipeline()
    ).send(new GetPipelineCommand({ name: 'payments-api-dev' }));
    expect(pipeline?.pipelineType).toBe('V2');
    expect(pipeline?.stages?.map(s => s.name)).toEqual([
      'Source',
      'Approval',
      'Deploy',
    ]);
    const deploy = pipeline?.stages?.[2].actions?.[0];
    expect(deploy?.actionTypeId?.provider).toBe('CodeDeployToECS');
    expect(deploy?.configuration).toMatchObject({
      ApplicationName: 'payments-api',
      DeploymentGroupName: 'payments-api-dev',
      TaskDefinitionTemplatePath: 'environments/dev/taskdef.json',
      AppSpecTemplatePath: 'environments/dev/appspec.yaml',
      Image1ContainerName: 'IMAGE1_NAME',
    });
    expect(pipeline?.stages?.[0].actions?.[0].configuration).toMatchObject({
      RepositoryName: 'payments-api',
      ImageTag: 'dev',
    });
    const { tags } = await (
      await codePipeline()
    ).send(new ListTagsForResourceCommand({ resourceArn: out.pipelineArn }));
    expect(tags).toEqual(
      expect.arrayContaining([
        { key: 'backstage.io/entity', value: 'component:default/payments-api' },
        { key: 'environment', value: 'dev' },
      ]),
    );

    const before = mutations(sandbox);
    expect((await runAction(action, input('payments-api'))).created).toEqual(
      [],
    );
    expect(mutations(sandbox)).toEqual(before);
  });

  it('uses the standard ECS deploy action for an ECS-controller service', async () => {
    await runAction(action, input('orders-worker', { deploy: 'ecs' }));
    const { pipeline } = await (
      await codePipeline()
    ).send(new GetPipelineCommand({ name: 'orders-worker-dev' }));
    expect(pipeline?.stages?.map(s => s.name)).toEqual(['Source', 'Deploy']);
    expect(pipeline?.stages?.[1].actions?.[0]).toMatchObject({
      actionTypeId: { provider: 'ECS' },
      configuration: {
        ClusterName: 'storefront-dev',
        ServiceName: 'orders-worker',
        FileName: 'environments/dev/imagedefinitions.json',
      },
    });
  });

  it('creates nothing in a dry run', async () => {
    const out = await runAction(action, input('not-yet-api'), {
      isDryRun: true,
    });
    expect(out.created).toEqual([]);
    expect(mutations(sandbox)).toEqual({});
  });

  it('finishes after a failed attempt', async () => {
    sandbox.faults.set('codepipeline:CreatePipeline', { errorRate: 1 });
    const store = createCheckpointStore();
    await expect(
      runAction(action, input('flaky-api'), { store }),
    ).rejects.toThrow(/creating the pipeline/);
    sandbox.faults.clear();
    expect(
      (await runAction(action, input('flaky-api'), { store })).created,
    ).toEqual(['pipeline flaky-api-dev']);
  });

  describe("refuses what is not the service's own, before creating anything", () => {
    it('a pipeline of that name tagged for another entity', async () => {
      await (
        await codePipeline()
      ).send(
        new CreatePipelineCommand({
          pipeline: buildPipelineDeclaration({
            pipelineName: 'taken-api-dev',
            roleArn: 'arn:aws:iam::111111111111:role/x',
            artifactBucket: 'b',
            environment: 'dev',
            ecrRepositoryName: 'taken-api',
            imageTag: 'dev',
            infraRepository: {
              connectionArn: 'arn:c',
              fullRepositoryId: 'o/r',
              branch: 'main',
            },
            manualApproval: false,
            deploy: {
              type: 'codedeploy',
              applicationName: 'taken-api',
              deploymentGroupName: 'taken-api-dev',
            },
          }),
          tags: [{ key: 'backstage.io/entity', value: 'component:default/x' }],
        }),
      );
      sandbox.callLog.reset();
      await expect(runAction(action, input('taken-api'))).rejects.toThrow(
        /name: pipeline 'taken-api-dev' .* exists and is not tagged backstage.io\/entity=component:default\/taken-api/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it("another component's infrastructure repository", async () => {
      await expect(
        runAction(
          action,
          input('payments-api', { repositoryName: 'flaky-api-infra' }),
        ),
      ).rejects.toThrow(
        /repositoryName: .*flaky-api-infra is not the infrastructure repository of component:default\/payments-api/,
      );
      expect(mutations(sandbox)).toEqual({});
    });
  });

  describe('bad input fails naming the field before creating anything', () => {
    it.each([
      [{ pipelineName: 'checkout-web-prod' }, /^pipelineName: not an input/],
      [
        { deploymentGroupName: 'checkout-web-prod' },
        /^deploymentGroupName: not an input/,
      ],
      [
        { serviceName: 'checkout-web', cluster: 'storefront-prod' },
        /^serviceName, cluster: not an input/,
      ],
      [
        { roleArn: 'arn:aws:iam::111111111111:role/Admin' },
        /^roleArn: not an input/,
      ],
      [
        { infraRepository: { fullRepositoryId: 'acme/checkout-web-infra' } },
        /^infraRepository: not an input/,
      ],
      [
        { repositoryName: '../../packages/backend/src' },
        /^repositoryName '..\/..\/packages\/backend\/src' is not a valid name/,
      ],
      [{ environment: 'qa' }, /^environment: 'qa' is not an environment/],
    ])('%j', async (override, message) => {
      await expect(
        runAction(action, input('payments-api', override)),
      ).rejects.toThrow(message);
      expect(mutations(sandbox)).toEqual({});
    });

    it('what the pipeline uses does not exist yet', async () => {
      await expect(runAction(action, input('ghost-api'))).rejects.toThrow(
        /^name: ECR repository 'ghost-api' .* missing; the template's earlier steps create them/,
      );
      expect(mutations(sandbox)).toEqual({});
    });
  });
});
