import {
  CodeDeployClient,
  paginateListDeployments,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  GetPipelineStateCommand,
  ListPipelinesCommand,
  StartPipelineExecutionCommand,
  paginateListPipelineExecutions,
} from '@aws-sdk/client-codepipeline';
import { startSandbox, type RunningSandbox } from '../server/startSandbox';
import { advanceSandbox } from '../testUtils';

describe('generateFleet', () => {
  let sb: RunningSandbox;
  afterEach(() => sb?.close());

  it('seeds services with the asked number of deployments, and one big entity', async () => {
    sb = await startSandbox({
      seed: 'fleet',
      speed: 0,
      seedOptions: {
        services: 4,
        deploymentsPerService: 30,
        bigEntity: { name: 'big-one', deployments: 1500 },
      },
    });
    const config = {
      endpoint: sb.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: '333333333333', secretAccessKey: 'secret' },
    };
    const cp = new CodePipelineClient(config);
    const cd = new CodeDeployClient(config);
    const { pipelines } = await cp.send(new ListPipelinesCommand({}));
    expect(pipelines!.map(p => p.name)).toEqual([
      'big-one-prod',
      'svc-0001-prod',
      'svc-0002-prod',
      'svc-0003-prod',
      'svc-0004-prod',
    ]);

    let executions = 0;
    for await (const page of paginateListPipelineExecutions(
      { client: cp },
      { pipelineName: 'big-one-prod' },
    )) {
      executions += page.pipelineExecutionSummaries!.length;
    }
    expect(executions).toBe(1500);

    const deployments: string[] = [];
    for await (const page of paginateListDeployments(
      { client: cd },
      {
        applicationName: 'svc-0002-prod',
        deploymentGroupName: 'svc-0002-prod-dg',
      },
    )) {
      deployments.push(...page.deployments!);
    }
    // every execution deployed (no approvals in the fleet); failed and
    // stopped ones also have their rollback deployment
    expect(deployments.length).toBeGreaterThan(30);
    expect(new Set(deployments).size).toBe(deployments.length);
    cp.destroy();
    cd.destroy();
  });

  it("lets a started pipeline get past Source: the environment's image tag is in ECR", async () => {
    sb = await startSandbox({
      seed: 'fleet',
      speed: 0,
      seedOptions: { services: 1, deploymentsPerService: 3 },
    });
    const cp = new CodePipelineClient({
      endpoint: sb.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: '333333333333', secretAccessKey: 'secret' },
    });
    await cp.send(new StartPipelineExecutionCommand({ name: 'svc-0001-prod' }));
    advanceSandbox(sb, 2 * 60_000);
    const { stageStates } = await cp.send(
      new GetPipelineStateCommand({ name: 'svc-0001-prod' }),
    );
    const [source, next] = stageStates!;
    expect(source.latestExecution?.status).toBe('Succeeded');
    expect(next.latestExecution?.status).toBeDefined();
    expect(next.latestExecution?.status).not.toBe('Failed');
    cp.destroy();
  });
});
