import {
  CreatePipelineCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  type PipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListServiceDeploymentsCommand,
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
  type SandboxClients,
} from './__testUtils__/webService';

/*
 * CodePipeline's standard "Amazon ECS" deploy action over HTTP with the SDK
 * clients: the image definitions file of the infrastructure repository names
 * the containers whose images a new revision of the service's task
 * definition gets.
 */

const MINUTE = 60_000;
const IMAGE_DEFINITIONS = 'environments/prod/imagedefinitions.json';

const pipeline = (fileName = IMAGE_DEFINITIONS): PipelineDeclaration => ({
  name: 'web-prod',
  roleArn: 'arn:aws:iam::111111111111:role/pipeline',
  artifactStore: { type: 'S3', location: 'artifacts' },
  pipelineType: 'V2',
  executionMode: 'QUEUED',
  stages: [
    { name: 'Source', actions: [imageSource, gitSource('local/web-infra')] },
    {
      name: 'Deploy',
      actions: [
        {
          name: 'Deploy',
          actionTypeId: {
            category: 'Deploy',
            owner: 'AWS',
            provider: 'ECS',
            version: '1',
          },
          configuration: {
            ClusterName: 'shop',
            ServiceName: 'web',
            FileName: fileName,
          },
          inputArtifacts: [{ name: 'InfraArtifact' }],
        },
      ],
    },
  ],
});

describe('the standard ECS deploy action', () => {
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
    await createWebService(c, 'ECS');
  });

  afterEach(async () => {
    destroyClients(c);
    await sb.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const service = async () =>
    (
      await c.ecs.send(
        new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }),
      )
    ).services![0];

  const runPipeline = async (imageDefinitions: unknown, fileName?: string) => {
    commitFiles(
      path.join(root, 'web-infra'),
      { [IMAGE_DEFINITIONS]: JSON.stringify(imageDefinitions) },
      'web: image definitions',
    );
    await c.cp.send(
      new CreatePipelineCommand({ pipeline: pipeline(fileName) }),
    );
    await pushWebImage(c, 'c3');
    advanceSandbox(sb, 10 * MINUTE);
    const [run] = (
      await c.cp.send(
        new ListPipelineExecutionsCommand({ pipelineName: 'web-prod' }),
      )
    ).pipelineExecutionSummaries!;
    const { actionExecutionDetails } = await c.cp.send(
      new ListActionExecutionsCommand({
        pipelineName: 'web-prod',
        filter: { pipelineExecutionId: run.pipelineExecutionId },
      }),
    );
    return {
      run,
      deploy: actionExecutionDetails!.find(a => a.actionName === 'Deploy')!,
    };
  };

  it("deploys a new revision of the service's task definition with the named container's image", async () => {
    const before = await service();
    const { run, deploy } = await runPipeline([
      { name: 'web', imageUri: `${REGISTRY}/web:prod` },
    ]);

    expect(run.status).toBe('Succeeded');
    const after = await service();
    expect(after.taskDefinition).not.toBe(before.taskDefinition);
    const { taskDefinition } = await c.ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: after.taskDefinition,
      }),
    );
    expect(taskDefinition).toMatchObject({
      family: 'web',
      revision: 2,
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'web',
          image: `${REGISTRY}/web:prod`,
          portMappings: [expect.objectContaining({ containerPort: 8080 })],
        },
      ],
    });
    const { serviceDeployments } = await c.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'web' }),
    );
    expect(serviceDeployments![0]).toMatchObject({
      serviceDeploymentArn: deploy.output!.executionResult!.externalExecutionId,
      status: 'SUCCESSFUL',
    });
  });

  it.each([
    [
      'names a container the task definition does not have',
      [{ name: 'nope', imageUri: `${REGISTRY}/web:prod` }],
      undefined,
      'The AWS ECS container nope does not exist',
    ],
    [
      'is missing from the artifact',
      [{ name: 'web', imageUri: `${REGISTRY}/web:prod` }],
      'imagedefinitions.json',
      'Exception while trying to read the image definitions file imagedefinitions.json from the artifact: InfraArtifact.',
    ],
    [
      'is not a list of names and image URIs',
      { web: `${REGISTRY}/web:prod` },
      undefined,
      `The image definition file ${IMAGE_DEFINITIONS} contains invalid JSON format`,
    ],
  ])(
    'fails, leaving the service alone, when the image definitions file %s',
    async (_case, imageDefinitions, fileName, message) => {
      const before = await service();
      const { run, deploy } = await runPipeline(imageDefinitions, fileName);

      expect(run.status).toBe('Failed');
      expect(deploy.output!.executionResult!.errorDetails).toEqual({
        code: 'ConfigurationError',
        message,
      });
      expect((await service()).taskDefinition).toBe(before.taskDefinition);
    },
  );
});
