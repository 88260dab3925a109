import { PutImageCommand } from '@aws-sdk/client-ecr';
import {
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
} from '@aws-sdk/client-codepipeline';
import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { execFileSync } from 'node:child_process';
import {
  ACCOUNTS,
  Sandbox,
  createClusters,
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
 * The template's steps for one environment, then an image push: the pipeline
 * the actions wired reads the published infrastructure repository through its
 * Git connection (the sandbox serves `local/<repo>` from the directory the
 * repositories are published to) and must deploy the pushed image with that
 * repository's taskdef.json through CodeDeploy.
 */
describe('from the actions to a first deployment', () => {
  const mockDir = createMockDirectory();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 'none',
      port: 0,
      speed: 1000,
      tickIntervalMs: 50,
      sourceRepositories: [
        { owner: 'local', directory: mockDir.resolve('repos') },
      ],
    });
  });
  afterAll(() => sandbox.close());

  it('deploys an image pushed with the environment tag', async () => {
    const { options, clients, integrations } = createTestOptions(
      sandbox.url,
      mockDir.resolve('repos'),
    );
    await createClusters(clients);
    const name = 'e2e-api';
    const infra = await runAction(
      createInfraRepoCreateAction({ ...options, integrations }),
      {
        name,
        owner: 'group:default/team-payments',
        containerPort: 8080,
        size: '512/1024',
        environments: ['dev'],
      },
      { workspacePath: mockDir.resolve('workspace') },
    );
    await runAction(createEcrEnsureRepositoryAction(options), { name });
    await runAction(createEcsServiceCreateAction(options), {
      name,
      environment: 'dev',
      containerPort: 8080,
      size: '512/1024',
    });
    await runAction(createCodeDeployCreateAction(options), {
      name,
      environment: 'dev',
      trafficShift: { type: 'all-at-once' },
      terminationWaitMinutes: 0,
    });
    const pipeline = await runAction(createPipelineCreateAction(options), {
      name,
      environment: 'dev',
    });

    expect(infra.fullRepositoryId).toBe(`local/${name}-infra`);
    const published = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: infra.remoteUrl,
    })
      .toString()
      .trim();

    const dev = await clients.forResource({
      accountId: ACCOUNTS.dev,
      region: 'eu-west-1',
    });
    const pushed = await dev.ecr.send(
      new PutImageCommand({
        repositoryName: name,
        imageTag: 'dev',
        imageManifest: JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          config: { digest: 'sha256:0123', size: 1 },
          layers: [],
        }),
      }),
    );

    let status: string | undefined;
    let executionId: string | undefined;
    for (
      let i = 0;
      i < 200 && status !== 'Succeeded' && status !== 'Failed';
      i++
    ) {
      sandbox.clock.advance(30_000);
      sandbox.world.tick();
      const { pipelineExecutionSummaries } = await dev.codePipeline.send(
        new ListPipelineExecutionsCommand({
          pipelineName: pipeline.pipelineName,
        }),
      );
      executionId = pipelineExecutionSummaries?.[0]?.pipelineExecutionId;
      status = pipelineExecutionSummaries?.[0]?.status;
    }
    const execution = await dev.codePipeline.send(
      new GetPipelineExecutionCommand({
        pipelineName: pipeline.pipelineName,
        pipelineExecutionId: executionId,
      }),
    );
    expect(execution.pipelineExecution?.status).toBe('Succeeded');
    expect(
      execution.pipelineExecution?.artifactRevisions?.map(r => r.revisionId),
    ).toEqual(
      expect.arrayContaining([published, pushed.image?.imageId?.imageDigest]),
    );

    const { actionExecutionDetails } = await dev.codePipeline.send(
      new ListActionExecutionsCommand({
        pipelineName: pipeline.pipelineName,
        filter: { pipelineExecutionId: executionId },
      }),
    );
    const deployAction = actionExecutionDetails?.find(
      a => a.actionName === 'BlueGreen',
    );
    const deploymentId =
      deployAction?.output?.executionResult?.externalExecutionId;
    expect(deploymentId).toBeDefined();
    const { deploymentInfo } = await dev.codeDeploy.send(
      new GetDeploymentCommand({ deploymentId }),
    );
    expect(deploymentInfo).toMatchObject({
      applicationName: name,
      deploymentGroupName: `${name}-dev`,
      status: 'Succeeded',
    });
    // The deployed task definition is the published taskdef.json with the pushed image filled in.
    const appSpec = JSON.stringify(deploymentInfo?.revision);
    const taskDefinitionArn =
      /arn:aws:ecs:[^"\\]+:task-definition\/[^"\\]+/.exec(appSpec)?.[0];
    const { taskDefinition } = await dev.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }),
    );
    expect(taskDefinition).toMatchObject({
      family: `${name}-dev`,
      cpu: '512',
      memory: '1024',
      containerDefinitions: [
        {
          name,
          image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${name}@${pushed.image?.imageId?.imageDigest}`,
          portMappings: [expect.objectContaining({ containerPort: 8080 })],
        },
      ],
    });
  });

  it('deploys a worker without a load balancer, stopping the old task before starting the new one', async () => {
    const { options, clients, integrations } = createTestOptions(
      sandbox.url,
      mockDir.resolve('repos'),
    );
    const name = 'e2e-worker';
    await runAction(
      createInfraRepoCreateAction({ ...options, integrations }),
      {
        name,
        containerPort: 8080,
        size: '256/512',
        environments: ['dev'],
        deploymentController: 'ECS',
      },
      { workspacePath: mockDir.resolve('workspace-worker') },
    );
    await runAction(createEcrEnsureRepositoryAction(options), { name });
    const dev = await clients.forResource({
      accountId: ACCOUNTS.dev,
      region: 'eu-west-1',
    });
    const push = (tag: string, config: string) =>
      dev.ecr.send(
        new PutImageCommand({
          repositoryName: name,
          imageTag: tag,
          imageManifest: JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
            config: { digest: `sha256:${config.repeat(64)}`, size: 1 },
            layers: [],
          }),
        }),
      );
    // The service starts on whatever the dev tag holds, before any pipeline run.
    await push('dev', 'a');
    const service = await runAction(createEcsServiceCreateAction(options), {
      name,
      environment: 'dev',
      containerPort: 8080,
      size: '256/512',
      deploymentController: 'ECS',
      strategy: 'ROLLING',
      loadBalanced: false,
    });
    expect(service.loadBalancerArn).toBe('');
    const pipeline = await runAction(createPipelineCreateAction(options), {
      name,
      environment: 'dev',
      deploy: 'ecs',
    });
    await expect(
      dev.elbv2.send(
        new DescribeLoadBalancersCommand({ Names: [`${name}-dev`] }),
      ),
    ).rejects.toThrow(/not found|LoadBalancerNotFound/i);
    const describe = async () =>
      (
        await dev.ecs.send(
          new DescribeServicesCommand({
            cluster: 'storefront-dev',
            services: [name],
          }),
        )
      ).services![0];
    for (let i = 0; i < 20 && (await describe()).runningCount !== 1; i++) {
      sandbox.clock.advance(30_000);
      sandbox.world.tick();
    }

    // A build pushes a new image on the dev tag: the standard ECS action
    // deploys imagedefinitions.json, and at no moment do two tasks run.
    await push('dev', 'b');
    let most = 0;
    let status: string | undefined;
    for (
      let i = 0;
      i < 200 && status !== 'Succeeded' && status !== 'Failed';
      i++
    ) {
      sandbox.clock.advance(5_000);
      sandbox.world.tick();
      const now = await describe();
      most = Math.max(most, (now.runningCount ?? 0) + (now.pendingCount ?? 0));
      const { pipelineExecutionSummaries } = await dev.codePipeline.send(
        new ListPipelineExecutionsCommand({
          pipelineName: pipeline.pipelineName,
        }),
      );
      status = pipelineExecutionSummaries?.[0]?.status;
    }
    expect(status).toBe('Succeeded');
    for (let i = 0; i < 40 && (await describe()).deployments!.length > 1; i++) {
      sandbox.clock.advance(5_000);
      sandbox.world.tick();
      const now = await describe();
      most = Math.max(most, (now.runningCount ?? 0) + (now.pendingCount ?? 0));
    }
    expect(most).toBe(1);
    const after = await describe();
    expect(after.loadBalancers).toEqual([]);
    expect(after.deploymentConfiguration).toMatchObject({
      minimumHealthyPercent: 0,
      maximumPercent: 100,
    });
    const { taskDefinition } = await dev.ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: after.taskDefinition,
      }),
    );
    expect(taskDefinition?.containerDefinitions?.[0]).toMatchObject({
      name,
      image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${name}:dev`,
    });
    expect(after.taskDefinition).not.toBe(service.taskDefinitionArn);
  });
});
