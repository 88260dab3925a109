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
  createTestOptions,
  mutations,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { buildPipelineDeclaration } from '../render/pipelineDeclaration';
import { createCodeDeployCreateAction } from './codeDeployCreate';
import { createEcrEnsureRepositoryAction } from './ecrEnsureRepository';
import { createEcsServiceCreateAction } from './ecsServiceCreate';
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

  /** What the template does before the pipeline step, for one service in dev. */
  async function prepare(
    name: string,
    controller: 'CODE_DEPLOY' | 'ECS' = 'CODE_DEPLOY',
  ) {
    await runAction(createEcrEnsureRepositoryAction(harness.options), {
      repositoryName: name,
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
        blueTargetGroupName: service.blueTargetGroupName,
        greenTargetGroupName: service.greenTargetGroupName,
        productionListenerArn: service.productionListenerArn,
        testListenerArn: service.testListenerArn,
      });
    }
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    harness = createTestOptions(sandbox.url);
    action = createPipelineCreateAction(harness.options);
    await createClusters(harness.clients);
    await prepare('payments-api');
    await prepare('flaky-api');
    await prepare('orders-worker', 'ECS');
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.callLog.reset();
    sandbox.faults.clear();
  });

  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environment: 'dev',
    infraRepository: { fullRepositoryId: `local/${name}-infra` },
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

  describe('bad input fails naming the field before creating anything', () => {
    it('a pipeline name that is taken by another entity', async () => {
      await (
        await codePipeline()
      ).send(
        new CreatePipelineCommand({
          pipeline: buildPipelineDeclaration({
            pipelineName: 'taken-dev',
            roleArn: 'arn:aws:iam::111111111111:role/x',
            artifactBucket: 'b',
            environment: 'dev',
            ecrRepositoryName: 'payments-api',
            imageTag: 'dev',
            infraRepository: {
              connectionArn: 'arn:c',
              fullRepositoryId: 'o/r',
              branch: 'main',
            },
            manualApproval: false,
            deploy: {
              type: 'codedeploy',
              applicationName: 'payments-api',
              deploymentGroupName: 'payments-api-dev',
            },
          }),
        }),
      );
      sandbox.callLog.reset();
      await expect(
        runAction(action, input('payments-api', { pipelineName: 'taken-dev' })),
      ).rejects.toThrow(
        /^pipelineName: a pipeline 'taken-dev' exists and is not tagged for/,
      );
      expect(mutations(sandbox)).toEqual({});
    });

    it.each([
      [
        { pipelineName: 'no spaces please' },
        /^pipelineName 'no spaces please' is not a valid name/,
      ],
      [
        { ecrRepositoryName: 'missing-repo' },
        /^ecrRepositoryName: no ECR repository 'missing-repo'/,
      ],
      [
        { deploymentGroupName: 'missing' },
        /^deploymentGroupName: no deployment group 'missing'/,
      ],
      [
        { infraRepository: { fullRepositoryId: 'no-slash' } },
        /^infraRepository.fullRepositoryId must be/,
      ],
    ])('%j', async (override, message) => {
      await expect(
        runAction(
          action,
          input('payments-api', { pipelineName: 'fresh-dev', ...override }),
        ),
      ).rejects.toThrow(message);
      expect(mutations(sandbox)).toEqual({});
    });
  });
});
