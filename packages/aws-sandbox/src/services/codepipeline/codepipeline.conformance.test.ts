import {
  CodeDeployClient,
  GetDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  CreatePipelineCommand,
  DuplicatedStopRequestException,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  ListTagsForResourceCommand,
  PipelineExecutionNotFoundException,
  PipelineNameInUseException,
  PipelineVersionNotFoundException,
  PutApprovalResultCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePipelineCommand,
  ValidationException,
  paginateListActionExecutions,
  type PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { startSandbox, type RunningSandbox } from '../../server/startSandbox';
import { sandboxClientConfig } from '../../testUtils';
import {
  createWebService,
  destroyClients,
  sandboxClients,
  webTaskDefinition,
  type SandboxClients,
} from './__testUtils__/webService';
import { REQUEST_TOKEN_LIFETIME_MS } from './requestTokens';

/*
 * Conformance: a pipeline triggered by an ECR push, waiting at its approval,
 * deploying through a real CodeDeploy deployment on the sandbox's ECS and
 * ELBv2, all through the SDK clients.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: {
    mediaType: 'application/vnd.docker.container.image.v1+json',
    size: 7023,
    digest: `sha256:${'c'.repeat(64)}`,
  },
  layers: [],
});

const declaration = (name: string): PipelineDeclaration => ({
  name,
  roleArn: 'arn:aws:iam::111111111111:role/pipeline',
  artifactStore: { type: 'S3', location: 'artifacts' },
  pipelineType: 'V2',
  executionMode: 'QUEUED',
  stages: [
    {
      name: 'Source',
      actions: [
        {
          name: 'Image',
          actionTypeId: {
            category: 'Source',
            owner: 'AWS',
            provider: 'ECR',
            version: '1',
          },
          configuration: { RepositoryName: 'web', ImageTag: 'prod' },
          outputArtifacts: [{ name: 'ImageArtifact' }],
        },
        {
          name: 'Infra',
          actionTypeId: {
            category: 'Source',
            owner: 'AWS',
            provider: 'CodeCommit',
            version: '1',
          },
          configuration: { RepositoryName: 'web-infra', BranchName: 'main' },
          outputArtifacts: [{ name: 'InfraArtifact' }],
        },
      ],
    },
    {
      name: 'Approve',
      actions: [
        {
          name: 'ManualApproval',
          actionTypeId: {
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
          },
        },
      ],
    },
    {
      name: 'Deploy',
      actions: [
        {
          name: 'BlueGreen',
          actionTypeId: {
            category: 'Deploy',
            owner: 'AWS',
            provider: 'CodeDeployToECS',
            version: '1',
          },
          configuration: {
            ApplicationName: 'web',
            DeploymentGroupName: 'web-dg',
            TaskDefinitionTemplateArtifact: 'InfraArtifact',
            AppSpecTemplateArtifact: 'InfraArtifact',
            Image1ArtifactName: 'ImageArtifact',
            Image1ContainerName: 'IMAGE1_NAME',
          },
          inputArtifacts: [
            { name: 'ImageArtifact' },
            { name: 'InfraArtifact' },
          ],
        },
      ],
    },
  ],
});

describe('CodePipeline conformance', () => {
  let sb: RunningSandbox;
  let clients: SandboxClients;
  let cp: CodePipelineClient;
  let cd: CodeDeployClient;
  let ecs: ECSClient;
  let ecr: ECRClient;

  const advance = (ms: number) => {
    sb.clock.advance(ms);
    sb.world.tick();
  };

  beforeEach(async () => {
    sb = await startSandbox({ speed: 0 });
    clients = sandboxClients(sb);
    ({ cp, cd, ecs, ecr } = clients);
    await createWebService(clients, 'CODE_DEPLOY');
    sb.world.stores.codepipeline.pushSourceCommit(
      {
        provider: 'CodeCommit',
        configuration: { RepositoryName: 'web-infra', BranchName: 'main' },
      },
      {
        message: 'web infrastructure',
        files: {
          'taskdef.json': JSON.stringify(webTaskDefinition('<IMAGE1_NAME>')),
          'appspec.yaml': [
            'version: 0.0',
            'Resources:',
            '  - TargetService:',
            '      Type: AWS::ECS::Service',
            '      Properties:',
            '        TaskDefinition: <TASK_DEFINITION>',
            '        LoadBalancerInfo:',
            '          ContainerName: "web"',
            '          ContainerPort: 8080',
          ].join('\n'),
        },
      },
    );
    await cp.send(
      new CreatePipelineCommand({
        pipeline: declaration('web-prod'),
        tags: [{ key: 'backstage.io/entity', value: 'component:default/web' }],
      }),
    );
  });

  afterEach(async () => {
    destroyClients(clients);
    await sb.close();
  });

  it('is started by an ECR push, waits for approval and deploys through CodeDeploy', async () => {
    const pushed = await ecr.send(
      new PutImageCommand({
        repositoryName: 'web',
        imageManifest: MANIFEST,
        imageTag: 'prod',
      }),
    );
    const digest = pushed.image!.imageId!.imageDigest!;
    advance(10 * SECOND);

    const state = await cp.send(
      new GetPipelineStateCommand({ name: 'web-prod' }),
    );
    const approve = state.stageStates!.find(s => s.stageName === 'Approve')!;
    const executionId = approve.latestExecution!.pipelineExecutionId!;
    const token = approve.actionStates![0].latestExecution!.token!;
    const execution = (
      await cp.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'web-prod',
          pipelineExecutionId: executionId,
        }),
      )
    ).pipelineExecution!;
    expect(execution).toMatchObject({
      status: 'InProgress',
      trigger: { triggerType: 'CloudWatchEvent' },
    });
    expect(
      execution.artifactRevisions!.find(r => r.name === 'ImageArtifact')!
        .revisionId,
    ).toBe(digest);

    await cp.send(
      new PutApprovalResultCommand({
        pipelineName: 'web-prod',
        stageName: 'Approve',
        actionName: 'ManualApproval',
        token,
        result: { status: 'Approved', summary: 'ship it' },
      }),
    );
    const details = [];
    for await (const page of paginateListActionExecutions(
      { client: cp },
      { pipelineName: 'web-prod' },
    )) {
      details.push(...page.actionExecutionDetails!);
    }
    const deployAction = details.find(d => d.actionName === 'BlueGreen')!;
    expect(deployAction.status).toBe('InProgress');
    const deploymentId =
      deployAction.output!.executionResult!.externalExecutionId!;
    const deployment = (
      await cd.send(new GetDeploymentCommand({ deploymentId }))
    ).deploymentInfo!;
    expect(deployment).toMatchObject({
      creator: 'CodePipeline',
      applicationName: 'web',
      deploymentGroupName: 'web-dg',
    });

    advance(3 * MINUTE);
    advance(6 * MINUTE);
    expect(
      (await cd.send(new GetDeploymentCommand({ deploymentId })))
        .deploymentInfo!.status,
    ).toBe('Succeeded');
    const done = (
      await cp.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'web-prod',
          pipelineExecutionId: executionId,
        }),
      )
    ).pipelineExecution!;
    expect(done.status).toBe('Succeeded');
    const service = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }),
      )
    ).services![0];
    const running = await ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: service.taskDefinition,
      }),
    );
    expect(running.taskDefinition!.containerDefinitions![0].image).toContain(
      digest,
    );
  });

  it('stops an execution once its deployment ends, refusing a second stop', async () => {
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'web',
        imageManifest: MANIFEST,
        imageTag: 'prod',
      }),
    );
    advance(10 * SECOND);
    const state = await cp.send(
      new GetPipelineStateCommand({ name: 'web-prod' }),
    );
    const approve = state.stageStates!.find(s => s.stageName === 'Approve')!;
    const pipelineExecutionId = approve.latestExecution!.pipelineExecutionId!;
    await cp.send(
      new PutApprovalResultCommand({
        pipelineName: 'web-prod',
        stageName: 'Approve',
        actionName: 'ManualApproval',
        token: approve.actionStates![0].latestExecution!.token!,
        result: { status: 'Approved', summary: 'ok' },
      }),
    );
    await cp.send(
      new StopPipelineExecutionCommand({
        pipelineName: 'web-prod',
        pipelineExecutionId,
        reason: 'hold',
      }),
    );
    await expect(
      cp.send(
        new StopPipelineExecutionCommand({
          pipelineName: 'web-prod',
          pipelineExecutionId,
        }),
      ),
    ).rejects.toBeInstanceOf(DuplicatedStopRequestException);
    const get = async () =>
      (
        await cp.send(
          new GetPipelineExecutionCommand({
            pipelineName: 'web-prod',
            pipelineExecutionId,
          }),
        )
      ).pipelineExecution!.status;
    expect(await get()).toBe('Stopping');
    advance(10 * MINUTE);
    expect(await get()).toBe('Stopped');
  });

  it('serves pipeline declarations, versions and tags with the real exceptions', async () => {
    await expect(
      cp.send(new CreatePipelineCommand({ pipeline: declaration('web-prod') })),
    ).rejects.toBeInstanceOf(PipelineNameInUseException);
    const updated = declaration('web-prod');
    updated.stages![1].actions![0].configuration = {
      CustomData: 'Check the dashboards first',
    };
    expect(
      (await cp.send(new UpdatePipelineCommand({ pipeline: updated })))
        .pipeline!.version,
    ).toBe(2);
    const v1 = await cp.send(
      new GetPipelineCommand({ name: 'web-prod', version: 1 }),
    );
    expect(v1.pipeline!.stages![1].actions![0].configuration).toBeUndefined();
    const current = await cp.send(new GetPipelineCommand({ name: 'web-prod' }));
    expect(current.metadata!.pipelineArn).toBe(
      'arn:aws:codepipeline:eu-west-1:111111111111:web-prod',
    );
    await expect(
      cp.send(new GetPipelineCommand({ name: 'web-prod', version: 7 })),
    ).rejects.toBeInstanceOf(PipelineVersionNotFoundException);
    expect((await cp.send(new ListPipelinesCommand({}))).pipelines).toEqual([
      expect.objectContaining({
        name: 'web-prod',
        version: 2,
        pipelineType: 'V2',
        executionMode: 'QUEUED',
      }),
    ]);
    await expect(
      cp.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'web-prod',
          pipelineExecutionId: 'nope',
        }),
      ),
    ).rejects.toBeInstanceOf(PipelineExecutionNotFoundException);
    await expect(
      cp.send(new GetPipelineCommand({ name: '' })),
    ).rejects.toBeInstanceOf(ValidationException);

    const resourceArn = current.metadata!.pipelineArn!;
    await cp.send(
      new TagResourceCommand({
        resourceArn,
        tags: [{ key: 'environment', value: 'prod' }],
      }),
    );
    await cp.send(
      new UntagResourceCommand({
        resourceArn,
        tagKeys: ['backstage.io/entity'],
      }),
    );
    expect(
      (await cp.send(new ListTagsForResourceCommand({ resourceArn }))).tags,
    ).toEqual([{ key: 'environment', value: 'prod' }]);
  });

  it('treats a repeated clientRequestToken as the same StartPipelineExecution', async () => {
    const start = async (clientRequestToken?: string) =>
      (
        await cp.send(
          new StartPipelineExecutionCommand({
            name: 'web-prod',
            clientRequestToken,
          }),
        )
      ).pipelineExecutionId!;
    const executions = async () =>
      (
        await cp.send(
          new ListPipelineExecutionsCommand({ pipelineName: 'web-prod' }),
        )
      ).pipelineExecutionSummaries!.map(e => e.pipelineExecutionId);

    const first = await start('release-42');
    expect(await start('release-42')).toBe(first);
    expect(await executions()).toEqual([first]);

    const second = await start('release-43');
    expect(second).not.toBe(first);
    // without a token the SDK sends a fresh one of its own
    const third = await start();
    expect(await executions()).toEqual([third, second, first]);

    // a restart: the state file holds each store's snapshot as JSON
    const saved = JSON.stringify(sb.world.stores.codepipeline.snapshot());
    cp.destroy();
    await sb.close();
    sb = await startSandbox({ speed: 0 });
    sb.world.stores.codepipeline.restore(JSON.parse(saved));
    cp = new CodePipelineClient(sandboxClientConfig(sb));
    clients.cp = cp;
    expect(await start('release-42')).toBe(first);
    expect(await executions()).toHaveLength(3);

    advance(REQUEST_TOKEN_LIFETIME_MS);
    const afterLifetime = await start('release-42');
    expect(afterLifetime).not.toBe(first);
    expect(await executions()).toHaveLength(4);

    await expect(start('not a token!')).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(start('x'.repeat(129))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});
