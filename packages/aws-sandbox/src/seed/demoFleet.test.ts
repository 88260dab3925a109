import {
  CodeDeployClient,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentsCommand,
  paginateListDeployments,
  BatchGetDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  paginateListActionExecutions,
  paginateListPipelineExecutions,
} from '@aws-sdk/client-codepipeline';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContinueDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { startSandbox, type RunningSandbox } from '../server/startSandbox';
import { DEMO_ENVIRONMENTS, DEMO_SERVICES } from './catalog';

/*
 * The demo fleet's invariants, read back through the SDK clients the portal
 * uses: every catalog service in each of its environments, months of history
 * with failures, rollbacks and named approvers, and the live deployments.
 */

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

const clientConfig = (sb: RunningSandbox, accountId: string) => ({
  endpoint: sb.url,
  region: 'eu-west-1',
  // A 12-digit access key id names the account in the sandbox.
  credentials: { accessKeyId: accountId, secretAccessKey: 'secret' },
});

const account = (env: string) =>
  DEMO_ENVIRONMENTS.find(e => e.name === env)!.accountId;

describe('the demo fleet', () => {
  let sb: RunningSandbox;
  const clients = new Map<
    string,
    { ecs: ECSClient; cd: CodeDeployClient; cp: CodePipelineClient }
  >();
  const c = (env: string) => clients.get(env)!;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'demo', speed: 0, startAt: START });
    for (const env of DEMO_ENVIRONMENTS) {
      const config = clientConfig(sb, env.accountId);
      clients.set(env.name, {
        ecs: new ECSClient(config),
        cd: new CodeDeployClient(config),
        cp: new CodePipelineClient(config),
      });
    }
  });

  afterAll(async () => {
    for (const set of clients.values())
      Object.values(set).forEach(client => client.destroy());
    await sb.close();
  });

  it('has every catalog service in each of its environments, tagged', async () => {
    for (const env of DEMO_ENVIRONMENTS) {
      const names = DEMO_SERVICES.filter(s => s.envs.includes(env.name)).map(
        s => s.name,
      );
      const { services, failures } = await c(env.name).ecs.send(
        new DescribeServicesCommand({
          cluster: `storefront-${env.name}`,
          services: names,
        }),
      );
      expect(failures).toEqual([]);
      expect(services!.map(s => s.serviceName)).toEqual(names);
    }
    const notifications = await c('dev').ecs.send(
      new DescribeServicesCommand({
        cluster: 'storefront-dev',
        services: ['notifications-service'],
      }),
    );
    expect(notifications.services).toEqual([]);

    const tagging = new ResourceGroupsTaggingAPIClient(
      clientConfig(sb, account('prod')),
    );
    const tagged = await tagging.send(
      new GetResourcesCommand({
        TagFilters: [
          {
            Key: 'backstage.io/entity',
            Values: ['component:default/payments-api'],
          },
          { Key: 'environment', Values: ['prod'] },
        ],
      }),
    );
    const arns = tagged.ResourceTagMappingList!.map(r => r.ResourceARN!);
    expect(arns).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^arn:aws:ecs:eu-west-1:333333333333:service\/storefront-prod\/payments-api$/,
        ),
        'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
        expect.stringContaining(
          ':deploymentgroup:payments-api-prod/payments-api-prod-dg',
        ),
        expect.stringContaining(':loadbalancer/app/payments-api-prod/'),
      ]),
    );
    tagging.destroy();
  });

  it('holds ECR images tagged with commits and the environment tags', async () => {
    const ecr = new ECRClient(clientConfig(sb, '111111111111'));
    const { imageDetails } = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'payments-api' }),
    );
    const tags = imageDetails!.flatMap(i => i.imageTags ?? []);
    expect(tags).toEqual(expect.arrayContaining(['dev', 'staging', 'prod']));
    expect(
      tags.filter(t => /^[0-9a-f]{7}$/.test(t)).length,
    ).toBeGreaterThanOrEqual(10);
    ecr.destroy();
  });

  it('has months of pipeline and deployment history with failures, rollbacks and approvers', async () => {
    const executions = [];
    for await (const page of paginateListPipelineExecutions(
      { client: c('prod').cp },
      { pipelineName: 'payments-api-prod' },
    )) {
      executions.push(...page.pipelineExecutionSummaries!);
    }
    expect(executions.length).toBeGreaterThanOrEqual(15);
    const oldest = executions[executions.length - 1].startTime!.getTime();
    expect(START.getTime() - oldest).toBeGreaterThan(90 * 24 * 60 * MINUTE);
    expect(new Set(executions.map(e => e.status))).toEqual(
      new Set(['Succeeded', 'Failed', 'InProgress']),
    );
    expect(
      executions.every(e =>
        e.sourceRevisions?.some(r => r.revisionId?.startsWith('sha256:')),
      ),
    ).toBe(true);

    const approvals = [];
    for await (const page of paginateListActionExecutions(
      { client: c('prod').cp },
      { pipelineName: 'payments-api-prod' },
    )) {
      approvals.push(
        ...page.actionExecutionDetails!.filter(
          a => a.actionName === 'ManualApproval',
        ),
      );
    }
    expect(
      approvals.some(
        a =>
          a.status === 'Succeeded' &&
          /backstage-ecs-deploy\/[a-z]+\.[a-z]+$/.test(a.updatedBy ?? ''),
      ),
    ).toBe(true);

    const deploymentIds: string[] = [];
    for await (const page of paginateListDeployments(
      { client: c('prod').cd },
      {
        applicationName: 'payments-api-prod',
        deploymentGroupName: 'payments-api-prod-dg',
      },
    )) {
      deploymentIds.push(...page.deployments!);
    }
    const infos = [];
    for (let i = 0; i < deploymentIds.length; i += 25) {
      const batch = await c('prod').cd.send(
        new BatchGetDeploymentsCommand({
          deploymentIds: deploymentIds.slice(i, i + 25),
        }),
      );
      infos.push(...batch.deploymentsInfo!);
    }
    const statuses = new Set(infos.map(d => d.status));
    expect([...statuses]).toEqual(
      expect.arrayContaining(['Succeeded', 'Ready']),
    );
    expect(
      infos.some(
        d =>
          d.creator === 'codeDeployRollback' &&
          d.rollbackInfo?.rollbackTriggeringDeploymentId,
      ),
    ).toBe(true);

    // the deploy action of an execution names its deployment
    const linked = executions.find(e => e.status === 'Succeeded')!;
    const actions = await c('prod').cp.send(
      new ListActionExecutionsCommand({
        pipelineName: 'payments-api-prod',
        filter: { pipelineExecutionId: linked.pipelineExecutionId },
      }),
    );
    const deploymentId = actions.actionExecutionDetails!.find(
      a => a.actionName === 'BlueGreen',
    )!.output!.executionResult!.externalExecutionId!;
    expect(deploymentIds).toContain(deploymentId);

    // failures across the fleet: failed deployments with stopped-task reasons
    const failed = await c('dev').cd.send(
      new ListDeploymentsCommand({
        applicationName: 'checkout-web-dev',
        deploymentGroupName: 'checkout-web-dev-dg',
        includeOnlyStatuses: ['Failed'],
      }),
    );
    expect(failed.deployments!.length).toBeGreaterThan(0);
    const failure = (
      await c('dev').cd.send(
        new GetDeploymentCommand({ deploymentId: failed.deployments![0] }),
      )
    ).deploymentInfo!;
    expect(failure.errorInformation?.message).toMatch(
      /exited|OutOfMemory|health checks|Smoke tests/,
    );
    expect(failure.rollbackInfo?.rollbackDeploymentId).toMatch(/^d-/);
  });

  it('starts with deployments in flight', async () => {
    const ready = await c('prod').cd.send(
      new ListDeploymentsCommand({
        applicationName: 'payments-api-prod',
        deploymentGroupName: 'payments-api-prod-dg',
        includeOnlyStatuses: ['Ready'],
      }),
    );
    expect(ready.deployments).toHaveLength(1);

    const canary = await c('staging').cd.send(
      new ListDeploymentsCommand({
        applicationName: 'payments-api-staging',
        deploymentGroupName: 'payments-api-staging-dg',
        includeOnlyStatuses: ['InProgress'],
      }),
    );
    expect(canary.deployments).toHaveLength(1);
    const target = await c('staging').cd.send(
      new GetDeploymentTargetCommand({
        deploymentId: canary.deployments![0],
        targetId: 'storefront-staging:payments-api',
      }),
    );
    expect(
      target.deploymentTarget!.ecsTarget!.taskSetsInfo!.find(
        t => t.taskSetLabel === 'Green',
      )!.trafficWeight,
    ).toBe(10);

    const state = await c('prod').cp.send(
      new GetPipelineStateCommand({ name: 'checkout-web-prod' }),
    );
    const approve = state.stageStates!.find(s => s.stageName === 'Approve')!;
    expect(approve.latestExecution?.status).toBe('InProgress');
    expect(approve.actionStates![0].latestExecution?.token).toBeDefined();

    const bakes = await c('staging').ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'storefront-staging',
        service: 'inventory-api',
        status: ['IN_PROGRESS'],
      }),
    );
    expect(bakes.serviceDeployments).toHaveLength(1);
    const described = await c('staging').ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [
          bakes.serviceDeployments![0].serviceDeploymentArn!,
        ],
      }),
    );
    expect(described.serviceDeployments![0].lifecycleStage).toBe('BAKE_TIME');

    // the canary finishes a little later: 5-minute canary, then the termination wait
    sb.clock.advance(70 * MINUTE);
    sb.world.tick();
    const done = await c('staging').cd.send(
      new GetDeploymentCommand({ deploymentId: canary.deployments![0] }),
    );
    expect(done.deploymentInfo!.status).toBe('Succeeded');
  });

  it("deploys what each service's infrastructure repository holds, and no live execution fails", async () => {
    const live: { name?: string; status?: string }[] = [];
    for (const service of DEMO_SERVICES.filter(s => s.pipeline)) {
      for (const env of service.envs) {
        const { pipelineExecutionSummaries } = await c(env).cp.send(
          new ListPipelineExecutionsCommand({
            pipelineName: `${service.name}-${env}`,
            maxResults: 5,
          }),
        );
        for (const e of pipelineExecutionSummaries!) {
          if (e.startTime!.getTime() > START.getTime() - 26 * 60 * MINUTE) {
            live.push({ name: `${service.name}-${env}`, status: e.status });
          }
        }
      }
    }
    expect(live.length).toBeGreaterThan(10);
    expect(live.filter(e => e.status === 'Failed')).toEqual([]);

    const [ready] = (
      await c('prod').cd.send(
        new ListDeploymentsCommand({
          applicationName: 'payments-api-prod',
          deploymentGroupName: 'payments-api-prod-dg',
          includeOnlyStatuses: ['Ready'],
        }),
      )
    ).deployments!;
    const { deploymentInfo } = await c('prod').cd.send(
      new GetDeploymentCommand({ deploymentId: ready }),
    );
    const blueGreen = /arn:aws:ecs:\S+:task-definition\/\S+/.exec(
      deploymentInfo!.revision!.appSpecContent!.content!,
    )![0];
    const { taskDefinition } = await c('prod').ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: blueGreen }),
    );
    expect(taskDefinition).toMatchObject({
      family: 'payments-api',
      cpu: '512',
      memory: '1024',
      containerDefinitions: [
        {
          name: 'payments-api',
          image: expect.stringMatching(
            /^111111111111\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/payments-api@sha256:/,
          ),
          portMappings: [expect.objectContaining({ containerPort: 8080 })],
        },
      ],
    });

    // the newest: the pipeline's blue/green deployment of the live state
    const [bake] = (
      await c('staging').ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: 'storefront-staging',
          service: 'inventory-api',
        }),
      )
    ).serviceDeployments!;
    const described = await c('staging').ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [bake.serviceDeploymentArn!],
      }),
    );
    const { serviceRevisions } = await c('staging').ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [
          described.serviceDeployments![0].targetServiceRevision!.arn!,
        ],
      }),
    );
    expect(serviceRevisions![0].containerImages).toEqual([
      expect.objectContaining({
        containerName: 'inventory-api',
        image:
          '111111111111.dkr.ecr.eu-west-1.amazonaws.com/inventory-api:staging',
      }),
    ]);
  });

  it('has a last day of ECS service deployments: a release and a rolled-back hotfix', async () => {
    const ecs = c('prod').ecs;
    const { serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: 'storefront-prod',
        service: 'orders-worker',
      }),
    );
    const statuses = serviceDeployments!.map(d => d.status);
    expect(statuses).toEqual(
      expect.arrayContaining(['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL']),
    );

    const stopped = await ecs.send(
      new ListTasksCommand({
        cluster: 'storefront-prod',
        serviceName: 'orders-worker',
        desiredStatus: 'STOPPED',
      }),
    );
    const tasks = await ecs.send(
      new DescribeTasksCommand({
        cluster: 'storefront-prod',
        tasks: stopped.taskArns!,
      }),
    );
    expect(
      tasks.tasks!.some(
        t =>
          t.stoppedReason === 'Essential container in task exited' &&
          t.containers![0].exitCode === 1,
      ),
    ).toBe(true);

    const [latest] = (
      await c('prod').cp.send(
        new ListPipelineExecutionsCommand({
          pipelineName: 'orders-worker-prod',
          maxResults: 5,
        }),
      )
    ).pipelineExecutionSummaries!;
    expect(latest.status).toBe('Succeeded');
    const actions = await c('prod').cp.send(
      new ListActionExecutionsCommand({
        pipelineName: 'orders-worker-prod',
        filter: { pipelineExecutionId: latest.pipelineExecutionId },
      }),
    );
    const deployed = actions.actionExecutionDetails!.find(
      a => a.actionName === 'Deploy',
    )!;
    expect(serviceDeployments!.map(d => d.serviceDeploymentArn)).toContain(
      deployed.output!.executionResult!.externalExecutionId,
    );
  });

  it('keeps live deployments and history across a restart (state file)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-demo-'));
    const statePath = path.join(dir, 'state.json');
    try {
      const first = await startSandbox({
        seed: 'demo',
        speed: 0,
        startAt: START,
        statePath,
      });
      await first.close();
      const second = await startSandbox({ seed: 'demo', speed: 0, statePath });
      try {
        const cd = new CodeDeployClient(clientConfig(second, account('prod')));
        const group = {
          applicationName: 'payments-api-prod',
          deploymentGroupName: 'payments-api-prod-dg',
        };
        const ready = await cd.send(
          new ListDeploymentsCommand({
            ...group,
            includeOnlyStatuses: ['Ready'],
          }),
        );
        expect(ready.deployments).toHaveLength(1);
        const all = await cd.send(new ListDeploymentsCommand(group));
        expect(all.deployments!.length).toBeGreaterThan(15);
        await cd.send(
          new ContinueDeploymentCommand({
            deploymentId: ready.deployments![0],
            deploymentWaitType: 'READY_WAIT',
          }),
        );
        second.clock.advance(10 * MINUTE);
        second.world.tick();
        const info = await cd.send(
          new GetDeploymentCommand({ deploymentId: ready.deployments![0] }),
        );
        expect(info.deploymentInfo).toMatchObject({
          status: 'InProgress',
          instanceTerminationWaitTimeStarted: true,
        });
        cd.destroy();
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the same fleet every time', async () => {
    const again = await startSandbox({
      seed: 'demo',
      speed: 0,
      startAt: START,
    });
    try {
      const cd = new CodeDeployClient(clientConfig(again, account('dev')));
      const list = (client: CodeDeployClient) =>
        client.send(
          new ListDeploymentsCommand({
            applicationName: 'checkout-web-dev',
            deploymentGroupName: 'checkout-web-dev-dg',
          }),
        );
      expect((await list(cd)).deployments).toEqual(
        (await list(c('dev').cd)).deployments,
      );
      cd.destroy();
    } finally {
      await again.close();
    }
  });
});
