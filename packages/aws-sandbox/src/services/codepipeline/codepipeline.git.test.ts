import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  CreatePipelineCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
  type ActionExecutionDetail,
  type PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../server/startSandbox';
import { advanceSandbox } from '../../testUtils';
import { commitFiles } from './__testUtils__/gitRepository';
import {
  REGISTRY,
  createWebService,
  destroyClients,
  gitSource,
  imageSource,
  pushWebImage,
  sandboxClients,
  webTaskDefinition,
  type SandboxClients,
} from './__testUtils__/webService';

/*
 * A pipeline whose Git connection source is a local git repository (the
 * `sourceRepositories` option) deploys through CodeDeploy blue/green exactly
 * what the repository's taskdef.json and appspec.yaml say, over HTTP with the
 * SDK clients against the sandbox's ECS, ECR, ELBv2 and CodeDeploy.
 */

const MINUTE = 60_000;
const TASKDEF = 'environments/prod/taskdef.json';
const APPSPEC = 'environments/prod/appspec.yaml';

const taskDefinitionFile = (size = { cpu: '512', memory: '1024' }) =>
  JSON.stringify(webTaskDefinition('<IMAGE1_NAME>', size), null, 2);

const APPSPEC_FILE = [
  'version: 0.0',
  'Resources:',
  '  - TargetService:',
  '      Type: AWS::ECS::Service',
  '      Properties:',
  '        TaskDefinition: <TASK_DEFINITION>',
  '        LoadBalancerInfo:',
  '          ContainerName: "web"',
  '          ContainerPort: 8080',
  '',
].join('\n');

const pipeline = (fullRepositoryId: string): PipelineDeclaration => ({
  name: 'web-prod',
  roleArn: 'arn:aws:iam::111111111111:role/pipeline',
  artifactStore: { type: 'S3', location: 'artifacts' },
  pipelineType: 'V2',
  executionMode: 'QUEUED',
  stages: [
    { name: 'Source', actions: [imageSource, gitSource(fullRepositoryId)] },
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
            TaskDefinitionTemplatePath: TASKDEF,
            AppSpecTemplateArtifact: 'InfraArtifact',
            AppSpecTemplatePath: APPSPEC,
            Image1ArtifactName: 'ImageArtifact',
            Image1ContainerName: 'IMAGE1_NAME',
          },
          inputArtifacts: [
            { name: 'InfraArtifact' },
            { name: 'ImageArtifact' },
          ],
        },
      ],
    },
  ],
});

describe('a pipeline reading a local git repository', () => {
  let root: string;
  let sb: RunningSandbox;
  let c: SandboxClients;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-repos-'));
    sb = await startSandbox({
      speed: 0,
      sourceRepositories: [{ owner: 'local', directory: root }],
    });
    c = sandboxClients(sb);
    await createWebService(c, 'CODE_DEPLOY');
  });

  afterEach(async () => {
    destroyClients(c);
    await sb.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const latestExecution = async () =>
    (
      await c.cp.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-prod' }),
      )
    ).pipelineExecutionSummaries![0];

  const actionsOf = async (pipelineExecutionId: string) => {
    const { actionExecutionDetails } = await c.cp.send(
      new ListActionExecutionsCommand({
        pipelineName: 'web-prod',
        filter: { pipelineExecutionId },
      }),
    );
    const byName = new Map<string, ActionExecutionDetail>();
    for (const a of actionExecutionDetails ?? []) byName.set(a.actionName!, a);
    return byName;
  };

  /** The task definition the execution's CodeDeploy deployment put in place of `<TASK_DEFINITION>`. */
  const deployedTaskDefinition = async (pipelineExecutionId: string) => {
    const deploymentId = (await actionsOf(pipelineExecutionId)).get(
      'BlueGreen',
    )!.output!.executionResult!.externalExecutionId!;
    const { deploymentInfo } = await c.cd.send(
      new GetDeploymentCommand({ deploymentId }),
    );
    const arn = /arn:aws:ecs:\S+:task-definition\/\S+/.exec(
      deploymentInfo!.revision!.appSpecContent!.content!,
    )![0];
    return (
      await c.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: arn }),
      )
    ).taskDefinition!;
  };

  it('deploys the task definition of the branch head with the pushed image, and a new commit on the next run', async () => {
    const repo = path.join(root, 'web-infra');
    const first = commitFiles(
      repo,
      { [TASKDEF]: taskDefinitionFile(), [APPSPEC]: APPSPEC_FILE },
      'web: first release',
    );
    await c.cp.send(
      new CreatePipelineCommand({ pipeline: pipeline('local/web-infra') }),
    );
    const digest = await pushWebImage(c, 'a1');
    advanceSandbox(sb, 10 * MINUTE);

    const run = await latestExecution();
    expect(run.status).toBe('Succeeded');
    expect(run.sourceRevisions).toEqual(
      expect.arrayContaining([
        {
          actionName: 'Infra',
          revisionId: first,
          revisionSummary: JSON.stringify({
            ProviderType: 'GitHub',
            CommitMessage: 'web: first release',
          }),
        },
        expect.objectContaining({ actionName: 'Image', revisionId: digest }),
      ]),
    );
    const infra = (await actionsOf(run.pipelineExecutionId!)).get('Infra')!;
    expect(infra.output!.outputVariables).toMatchObject({
      CommitId: first,
      CommitMessage: 'web: first release',
      BranchName: 'main',
      FullRepositoryName: 'local/web-infra',
    });
    const deployed = await deployedTaskDefinition(run.pipelineExecutionId!);
    expect(deployed).toMatchObject({
      family: 'web',
      cpu: '512',
      memory: '1024',
      containerDefinitions: [
        {
          name: 'web',
          image: `${REGISTRY}/web@${digest}`,
          portMappings: [expect.objectContaining({ containerPort: 8080 })],
        },
      ],
    });
    const [service] = (
      await c.ecs.send(
        new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }),
      )
    ).services!;
    expect(service.taskDefinition).toBe(deployed.taskDefinitionArn);

    const second = commitFiles(
      repo,
      { [TASKDEF]: taskDefinitionFile({ cpu: '512', memory: '2048' }) },
      'web: more memory',
    );
    const { pipelineExecutionId } = await c.cp.send(
      new StartPipelineExecutionCommand({ name: 'web-prod' }),
    );
    advanceSandbox(sb, 10 * MINUTE);

    const rerun = await latestExecution();
    expect(rerun).toMatchObject({ pipelineExecutionId, status: 'Succeeded' });
    expect(
      rerun.sourceRevisions!.find(r => r.actionName === 'Infra')!.revisionId,
    ).toBe(second);
    const redeployed = await deployedTaskDefinition(pipelineExecutionId!);
    expect(redeployed).toMatchObject({ family: 'web', memory: '2048' });
    expect(redeployed.revision).toBe(deployed.revision! + 1);
  });

  it('deploys the commit a StartPipelineExecution override names', async () => {
    const repo = path.join(root, 'web-infra');
    const small = commitFiles(
      repo,
      { [TASKDEF]: taskDefinitionFile(), [APPSPEC]: APPSPEC_FILE },
      'web: small',
    );
    commitFiles(
      repo,
      { [TASKDEF]: taskDefinitionFile({ cpu: '1024', memory: '2048' }) },
      'web: large',
    );
    await c.cp.send(
      new CreatePipelineCommand({ pipeline: pipeline('local/web-infra') }),
    );
    await pushWebImage(c, 'd4');
    advanceSandbox(sb, 10 * MINUTE);

    const { pipelineExecutionId } = await c.cp.send(
      new StartPipelineExecutionCommand({
        name: 'web-prod',
        sourceRevisions: [
          {
            actionName: 'Infra',
            revisionType: 'COMMIT_ID',
            revisionValue: small,
          },
        ],
      }),
    );
    advanceSandbox(sb, 10 * MINUTE);

    const rerun = await latestExecution();
    expect(rerun).toMatchObject({ pipelineExecutionId, status: 'Succeeded' });
    expect(
      rerun.sourceRevisions!.find(r => r.actionName === 'Infra')!.revisionId,
    ).toBe(small);
    expect(await deployedTaskDefinition(pipelineExecutionId!)).toMatchObject({
      cpu: '512',
      memory: '1024',
    });
  });

  it('fails the deployment when the appspec routes to a port the task definition does not map', async () => {
    commitFiles(
      path.join(root, 'web-infra'),
      {
        [TASKDEF]: taskDefinitionFile(),
        [APPSPEC]: APPSPEC_FILE.replace(
          'ContainerPort: 8080',
          'ContainerPort: 9090',
        ),
      },
      'web: wrong port',
    );
    await c.cp.send(
      new CreatePipelineCommand({ pipeline: pipeline('local/web-infra') }),
    );
    await pushWebImage(c, 'e5');
    advanceSandbox(sb, 10 * MINUTE);

    const run = await latestExecution();
    expect(run.status).toBe('Failed');
    const blueGreen = (await actionsOf(run.pipelineExecutionId!)).get(
      'BlueGreen',
    )!;
    const deploymentId =
      blueGreen.output!.executionResult!.externalExecutionId!;
    expect(blueGreen.output!.executionResult!.errorDetails!.message).toBe(
      `Deployment ${deploymentId} failed. See CodeDeploy for details.`,
    );
    const { deploymentInfo } = await c.cd.send(
      new GetDeploymentCommand({ deploymentId }),
    );
    expect(deploymentInfo).toMatchObject({
      status: 'Failed',
      errorInformation: {
        code: 'ECS_UPDATE_ERROR',
        message: expect.stringMatching(
          /^The ECS service cannot be updated due to an unexpected error: The container web did not have a container port 9090 defined\. \(Service: AmazonECS; Status Code: 400; Error Code: InvalidParameterException; Request ID: [0-9a-f-]{36}; Proxy: null\)\. Check your ECS service status\.$/,
        ),
      },
    });
  });

  it.each([
    [
      'the repository does not exist',
      'local/nope-infra',
      {},
      'Infra',
      '[GitHub] No Branch [main] found for FullRepositoryName [local/nope-infra]',
    ],
    [
      'the branch does not exist',
      'local/web-infra',
      { branch: 'release' },
      'Infra',
      '[GitHub] No Branch [main] found for FullRepositoryName [local/web-infra]',
    ],
    [
      'taskdef.json is missing',
      'local/web-infra',
      { files: { [TASKDEF]: null } },
      'BlueGreen',
      'Exception while trying to read the task definition artifact file from: InfraArtifact.',
    ],
    [
      'the task definition has no <IMAGE1_NAME>',
      'local/web-infra',
      {
        files: {
          [TASKDEF]: taskDefinitionFile().replace(
            '<IMAGE1_NAME>',
            `${REGISTRY}/web:latest`,
          ),
        },
      },
      'BlueGreen',
      `The task definition file ${TASKDEF} does not contain the placeholder <IMAGE1_NAME>.`,
    ],
    [
      'the task definition is no JSON',
      'local/web-infra',
      { files: { [TASKDEF]: '{ "family": "web", <IMAGE1_NAME> ' } },
      'BlueGreen',
      `The task definition file ${TASKDEF} contains invalid JSON format.`,
    ],
    [
      'the appspec has no <TASK_DEFINITION>',
      'local/web-infra',
      {
        files: { [APPSPEC]: APPSPEC_FILE.replace('<TASK_DEFINITION>', 'web') },
      },
      'BlueGreen',
      `The AppSpec file ${APPSPEC} does not contain the placeholder <TASK_DEFINITION>.`,
    ],
    [
      'ECS refuses the task definition',
      'local/web-infra',
      {
        files: {
          [TASKDEF]: taskDefinitionFile({ cpu: '512', memory: '512' }),
        },
      },
      'BlueGreen',
      'No Fargate configuration exists for given values: 512 CPU, 512 memory',
    ],
  ])(
    'fails when %s',
    async (
      _case,
      fullRepositoryId,
      change: { branch?: string; files?: Record<string, string | null> },
      failedAction,
      message,
    ) => {
      commitFiles(
        path.join(root, 'web-infra'),
        {
          [TASKDEF]: taskDefinitionFile(),
          [APPSPEC]: APPSPEC_FILE,
          ...change.files,
        },
        'web infrastructure',
        change.branch,
      );
      await c.cp.send(
        new CreatePipelineCommand({ pipeline: pipeline(fullRepositoryId) }),
      );
      await pushWebImage(c, 'b2');
      advanceSandbox(sb, 2 * MINUTE);

      const run = await latestExecution();
      expect(run).toMatchObject({ status: 'Failed' });
      const failed = (await actionsOf(run.pipelineExecutionId!)).get(
        failedAction,
      )!;
      expect(failed.status).toBe('Failed');
      expect(failed.output!.executionResult!.errorDetails!.message).toBe(
        message,
      );
    },
  );
});
