import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  ApprovalAlreadyCompletedException,
  CodePipelineClient,
  CreatePipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  InvalidApprovalTokenException,
  InvalidStructureException,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  PipelineExecutionNotStoppableException,
  PipelineNotFoundException,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StageNotRetryableException,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  paginateListPipelineExecutions,
  type PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import { startSandbox, type RunningSandbox } from '../../server/startSandbox';
import { codeDeployModule } from '../codedeploy';
import { FakeNeighbours } from '../codedeploy/__fixtures__/fakeNeighbours';
import { codePipelineModule } from '.';

/*
 * CodePipeline executions over HTTP with the real SDK clients, with CodeDeploy
 * real and ECS, ELBv2 and ECR replaced by recording stand-ins.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DIGEST = `sha256:${'a'.repeat(64)}`;

const source = {
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
} as const;

const approval = {
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
} as const;

const deployStage = {
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
        TaskDefinitionTemplatePath: 'taskdef.json',
        AppSpecTemplateArtifact: 'InfraArtifact',
        AppSpecTemplatePath: 'appspec.yaml',
        Image1ArtifactName: 'ImageArtifact',
        Image1ContainerName: 'IMAGE1_NAME',
      },
      inputArtifacts: [{ name: 'ImageArtifact' }, { name: 'InfraArtifact' }],
    },
  ],
} as const;

const pipeline = (name: string, stages: any[]): PipelineDeclaration => ({
  name,
  roleArn: 'arn:aws:iam::111111111111:role/pipeline',
  artifactStore: { type: 'S3', location: 'artifacts' },
  pipelineType: 'V2',
  executionMode: 'QUEUED',
  stages,
});

describe('CodePipeline executions', () => {
  let sb: RunningSandbox;
  let fake: FakeNeighbours;
  let pipelines: CodePipelineClient;
  let codedeploy: CodeDeployClient;

  const advance = (ms: number) => {
    sb.clock.advance(ms);
    sb.world.tick();
  };
  const execution = async (name: string, id: string) =>
    (
      await pipelines.send(
        new GetPipelineExecutionCommand({
          pipelineName: name,
          pipelineExecutionId: id,
        }),
      )
    ).pipelineExecution!;
  const approvalToken = async (name: string) =>
    (
      await pipelines.send(new GetPipelineStateCommand({ name }))
    ).stageStates!.find(s => s.stageName === 'Approve')!.actionStates![0]
      .latestExecution?.token;

  beforeEach(async () => {
    fake = new FakeNeighbours();
    fake.addService('web', 'web-blue', 'web-green', ['web-prod', 'web-test']);
    sb = await startSandbox({
      modules: [fake.module(), codeDeployModule, codePipelineModule],
      speed: 0,
    });
    const config = {
      endpoint: sb.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    };
    pipelines = new CodePipelineClient(config);
    codedeploy = new CodeDeployClient(config);
    sb.world.stores.codepipeline.pushSourceCommit(
      {
        provider: 'CodeCommit',
        configuration: { RepositoryName: 'web-infra', BranchName: 'main' },
      },
      {
        message: 'web infrastructure',
        files: {
          'taskdef.json': JSON.stringify({
            family: 'web',
            containerDefinitions: [
              { name: 'app', image: '<IMAGE1_NAME>', essential: true },
            ],
          }),
          'appspec.yaml': [
            'version: 0.0',
            'Resources:',
            '  - TargetService:',
            '      Type: AWS::ECS::Service',
            '      Properties:',
            '        TaskDefinition: <TASK_DEFINITION>',
          ].join('\n'),
        },
      },
    );
  });

  afterEach(async () => {
    pipelines.destroy();
    codedeploy.destroy();
    await sb.close();
  });

  async function createDeploymentGroup() {
    await codedeploy.send(
      new CreateApplicationCommand({
        applicationName: 'web',
        computePlatform: 'ECS',
      }),
    );
    await codedeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
        serviceRoleArn: 'arn:aws:iam::111111111111:role/codedeploy',
        deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
        deploymentStyle: {
          deploymentType: 'BLUE_GREEN',
          deploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        ecsServices: [{ clusterName: 'web-cluster', serviceName: 'web' }],
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [{ name: 'web-blue' }, { name: 'web-green' }],
              prodTrafficRoute: {
                listenerArns: [fake.listenerArn('web-prod')],
              },
            },
          ],
        },
      }),
    );
  }

  it('starts on an ECR push, waits for approval, and deploys through CodeDeploy', async () => {
    await createDeploymentGroup();
    await pipelines.send(
      new CreatePipelineCommand({
        pipeline: pipeline('web-prod', [source, approval, deployStage]),
      }),
    );
    fake.push('web', 'prod', DIGEST);

    const [summary] = (
      await pipelines.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-prod' }),
      )
    ).pipelineExecutionSummaries!;
    expect(summary.trigger?.triggerType).toBe('CloudWatchEvent');
    advance(10 * SECOND);
    const token = await approvalToken('web-prod');
    expect(token).toBeDefined();
    expect(
      (await execution('web-prod', summary.pipelineExecutionId!)).status,
    ).toBe('InProgress');

    const approve = (t: string) =>
      pipelines.send(
        new PutApprovalResultCommand({
          pipelineName: 'web-prod',
          stageName: 'Approve',
          actionName: 'ManualApproval',
          token: t,
          result: { status: 'Approved', summary: 'looks good' },
        }),
      );
    await expect(approve('not-the-token')).rejects.toBeInstanceOf(
      InvalidApprovalTokenException,
    );
    await approve(token!);
    await expect(approve(token!)).rejects.toBeInstanceOf(
      ApprovalAlreadyCompletedException,
    );

    const actions = await pipelines.send(
      new ListActionExecutionsCommand({
        pipelineName: 'web-prod',
        filter: { pipelineExecutionId: summary.pipelineExecutionId },
      }),
    );
    const deployAction = actions.actionExecutionDetails!.find(
      a => a.actionName === 'BlueGreen',
    )!;
    const deploymentId =
      deployAction.output!.executionResult!.externalExecutionId!;
    expect(deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    const deployment = (
      await codedeploy.send(new GetDeploymentCommand({ deploymentId }))
    ).deploymentInfo!;
    expect(deployment.creator).toBe('CodePipeline');
    expect(deployment.revision?.appSpecContent?.content).toContain(
      'task-definition/web:',
    );
    expect(fake.taskDefinitions[0]).toMatchObject({
      containerDefinitions: [
        { image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/web@${DIGEST}` },
      ],
    });

    advance(3 * MINUTE);
    const done = await execution('web-prod', summary.pipelineExecutionId!);
    expect(done.status).toBe('Succeeded');
    expect(
      done.artifactRevisions!.find(r => r.name === 'ImageArtifact')?.revisionId,
    ).toBe(DIGEST);
    const listed = (
      await pipelines.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-prod' }),
      )
    ).pipelineExecutionSummaries![0];
    expect(listed.sourceRevisions!.map(r => r.actionName).sort()).toEqual([
      'Image',
      'Infra',
    ]);
  });

  it('fails the source action of a repository the sandbox does not hold', async () => {
    const absent = {
      ...source,
      actions: [
        source.actions[0],
        {
          ...source.actions[1],
          configuration: { RepositoryName: 'absent-infra', BranchName: 'main' },
        },
      ],
    };
    await pipelines.send(
      new CreatePipelineCommand({
        pipeline: pipeline('web-absent', [absent, approval]),
      }),
    );
    fake.push('web', 'prod', DIGEST);
    advance(10 * SECOND);

    const [summary] = (
      await pipelines.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-absent' }),
      )
    ).pipelineExecutionSummaries!;
    expect(summary.status).toBe('Failed');
    const infra = (
      await pipelines.send(
        new ListActionExecutionsCommand({
          pipelineName: 'web-absent',
          filter: { pipelineExecutionId: summary.pipelineExecutionId },
        }),
      )
    ).actionExecutionDetails!.find(a => a.actionName === 'Infra')!;
    expect(infra.output!.executionResult!.errorDetails!.message).toBe(
      'Could not access the CodeCommit repository absent-infra. Make sure that the pipeline IAM role has sufficient permissions to access the repository.',
    );
  });

  it('fails the stage on rejection and retries only failed stages', async () => {
    await pipelines.send(
      new CreatePipelineCommand({
        pipeline: pipeline('web-gate', [source, approval]),
      }),
    );
    fake.push('web', 'prod', DIGEST);
    advance(10 * SECOND);
    const token = await approvalToken('web-gate');
    const [summary] = (
      await pipelines.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-gate' }),
      )
    ).pipelineExecutionSummaries!;
    const id = summary.pipelineExecutionId!;
    const retry = (stageName: string) =>
      pipelines.send(
        new RetryStageExecutionCommand({
          pipelineName: 'web-gate',
          pipelineExecutionId: id,
          stageName,
          retryMode: 'FAILED_ACTIONS',
        }),
      );
    await expect(retry('Approve')).rejects.toBeInstanceOf(
      StageNotRetryableException,
    );

    await pipelines.send(
      new PutApprovalResultCommand({
        pipelineName: 'web-gate',
        stageName: 'Approve',
        actionName: 'ManualApproval',
        token,
        result: { status: 'Rejected', summary: 'not today' },
      }),
    );
    expect(await execution('web-gate', id)).toMatchObject({ status: 'Failed' });
    await expect(retry('Source')).rejects.toBeInstanceOf(
      StageNotRetryableException,
    );
    await retry('Approve');
    const retried = await approvalToken('web-gate');
    expect(retried).toBeDefined();
    expect(retried).not.toBe(token);
    expect((await execution('web-gate', id)).status).toBe('InProgress');
  });

  it('starts by hand, stops, pages executions and raises the real exceptions', async () => {
    await pipelines.send(
      new CreatePipelineCommand({
        pipeline: pipeline('web-manual', [source, approval]),
      }),
    );
    fake.push('web', 'prod', DIGEST);
    advance(10 * SECOND);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { pipelineExecutionId } = await pipelines.send(
        new StartPipelineExecutionCommand({ name: 'web-manual' }),
      );
      ids.push(pipelineExecutionId!);
      advance(SECOND);
    }
    const stop = (id: string) =>
      pipelines.send(
        new StopPipelineExecutionCommand({
          pipelineName: 'web-manual',
          pipelineExecutionId: id,
          reason: 'no',
        }),
      );
    const all = (
      await pipelines.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-manual' }),
      )
    ).pipelineExecutionSummaries!;
    const waitingAtApproval = all[all.length - 1].pipelineExecutionId!;
    await stop(waitingAtApproval);
    await expect(stop(waitingAtApproval)).rejects.toBeInstanceOf(
      PipelineExecutionNotStoppableException,
    );
    expect(await execution('web-manual', waitingAtApproval)).toMatchObject({
      status: 'Stopped',
    });

    const paged: string[] = [];
    for await (const page of paginateListPipelineExecutions(
      { client: pipelines, pageSize: 2 },
      { pipelineName: 'web-manual' },
    )) {
      paged.push(
        ...page.pipelineExecutionSummaries!.map(s => s.pipelineExecutionId!),
      );
    }
    expect(paged.slice(0, 3)).toEqual([...ids].reverse());
    expect(paged).toHaveLength(4);
    const manual = await execution('web-manual', ids[0]);
    expect(manual.trigger?.triggerType).toBe('StartPipelineExecution');

    await expect(
      pipelines.send(new GetPipelineStateCommand({ name: 'nope' })),
    ).rejects.toBeInstanceOf(PipelineNotFoundException);
    await expect(
      pipelines.send(
        new CreatePipelineCommand({
          pipeline: pipeline('one-stage', [source]),
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidStructureException);
  });

  it('supersedes an older execution waiting for the same stage (SUPERSEDED)', async () => {
    await pipelines.send(
      new CreatePipelineCommand({
        pipeline: {
          ...pipeline('web-superseded', [source, approval]),
          executionMode: 'SUPERSEDED',
        },
      }),
    );
    for (const digit of ['1', '2', '3']) {
      fake.push('web', 'prod', `sha256:${digit.repeat(64)}`);
      advance(10 * SECOND);
    }
    const list = async () =>
      (
        await pipelines.send(
          new ListPipelineExecutionsCommand({ pipelineName: 'web-superseded' }),
        )
      ).pipelineExecutionSummaries!.map(e => [
        e.sourceRevisions?.[0]?.revisionId?.slice(7, 8),
        e.status,
      ]);
    expect(await list()).toEqual([
      ['3', 'InProgress'],
      ['2', 'Superseded'],
      ['1', 'InProgress'],
    ]);
    await pipelines.send(
      new PutApprovalResultCommand({
        pipelineName: 'web-superseded',
        stageName: 'Approve',
        actionName: 'ManualApproval',
        token: await approvalToken('web-superseded'),
        result: { status: 'Approved', summary: 'first' },
      }),
    );
    expect(await list()).toEqual([
      ['3', 'InProgress'],
      ['2', 'Superseded'],
      ['1', 'Succeeded'],
    ]);
    const state = await pipelines.send(
      new GetPipelineStateCommand({ name: 'web-superseded' }),
    );
    const latest = (
      await pipelines.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-superseded' }),
      )
    ).pipelineExecutionSummaries![0].pipelineExecutionId;
    expect(
      state.stageStates!.find(s => s.stageName === 'Approve')!.latestExecution!
        .pipelineExecutionId,
    ).toBe(latest);
  });
});
