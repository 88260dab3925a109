import {
  CodePipelineClient,
  ListActionExecutionsCommand,
  paginateListPipelineExecutions,
} from '@aws-sdk/client-codepipeline';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ServiceDeploymentBrief,
} from '@aws-sdk/client-ecs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../server';
import { sandboxClientConfig } from '../../testUtils';

/*
 * The ECS-controller services' imported history (months of finished service
 * deployments and their stopped tasks), read back through the SDK clients as
 * the portal reads live deployments.
 */

const START = new Date('2026-03-02T09:00:00Z');
const DAY = 24 * 60 * 60_000;
const PROD = '333333333333';
const ECS_SERVICES = [
  'orders-worker',
  'inventory-api',
  'ledger-api',
  'search-api',
];
const ENVS = [
  { env: 'dev', accountId: '111111111111' },
  { env: 'staging', accountId: '222222222222' },
  { env: 'prod', accountId: PROD },
];

async function listAll(
  ecs: ECSClient,
  cluster: string,
  service: string,
  extra: Partial<ListServiceDeploymentsCommand['input']> = {},
): Promise<{ deployments: ServiceDeploymentBrief[]; pages: number }> {
  const deployments: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster,
        service,
        maxResults: 5,
        nextToken,
        ...extra,
      }),
    );
    deployments.push(...page.serviceDeployments!);
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken);
  return { deployments, pages };
}

describe('ECS imported history (demo fleet)', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;
  let cp: CodePipelineClient;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'demo', speed: 0, startAt: START });
    ecs = new ECSClient(sandboxClientConfig(sb, { accountId: PROD }));
    cp = new CodePipelineClient(sandboxClientConfig(sb, { accountId: PROD }));
  });

  afterAll(async () => {
    ecs.destroy();
    cp.destroy();
    await sb.close();
  });

  it('lists months of service deployments, newest first, in pages', async () => {
    const { deployments, pages } = await listAll(
      ecs,
      'storefront-prod',
      'inventory-api',
    );
    expect(pages).toBeGreaterThan(2);
    const created = deployments.map(d => d.createdAt!.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const now = sb.clock.nowMs();
    expect(now - created[created.length - 1]).toBeGreaterThan(60 * DAY);
    // the played-out last day is still there, on top of the imported months
    expect(now - created[0]).toBeLessThan(2 * DAY);
    expect(new Set(deployments.map(d => d.serviceDeploymentArn)).size).toBe(
      deployments.length,
    );

    // the service's current deployment is still the live one
    const { services } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'storefront-prod',
        services: ['inventory-api'],
      }),
    );
    expect(services![0].currentServiceDeployment).toBe(
      deployments[0].serviceDeploymentArn,
    );
    expect(services![0].createdAt!.getTime()).toBeLessThanOrEqual(
      created[created.length - 1],
    );
  });

  it('filters imported deployments by createdAt and status', async () => {
    const before = new Date(sb.clock.nowMs() - 30 * DAY);
    const old = await listAll(ecs, 'storefront-prod', 'inventory-api', {
      createdAt: { before },
    });
    expect(old.deployments.length).toBeGreaterThan(3);
    for (const d of old.deployments) {
      expect(d.createdAt!.getTime()).toBeLessThan(before.getTime());
    }

    const successful = await listAll(ecs, 'storefront-prod', 'inventory-api', {
      status: ['SUCCESSFUL'],
      createdAt: { before },
    });
    expect(successful.deployments.length).toBeGreaterThan(0);
    expect(successful.deployments.every(d => d.status === 'SUCCESSFUL')).toBe(
      true,
    );
    expect(successful.deployments.length).toBeLessThanOrEqual(
      old.deployments.length,
    );
  });

  it('describes imported deployments with their revisions, rollbacks and circuit breaker', async () => {
    const { deployments } = await listAll(
      ecs,
      'storefront-prod',
      'inventory-api',
      { createdAt: { before: new Date(sb.clock.nowMs() - 2 * DAY) } },
    );
    const described = [];
    for (let i = 0; i < deployments.length; i += 20) {
      const page = await ecs.send(
        new DescribeServiceDeploymentsCommand({
          serviceDeploymentArns: deployments
            .slice(i, i + 20)
            .map(d => d.serviceDeploymentArn!),
        }),
      );
      expect(page.failures).toEqual([]);
      described.push(...page.serviceDeployments!);
    }
    for (const d of described) {
      expect(d.finishedAt!.getTime()).toBeGreaterThan(d.createdAt!.getTime());
    }

    // each deployment replaced what the last successful one before it installed
    const oldestFirst = [...described].reverse();
    for (let i = 1; i < oldestFirst.length; i++) {
      const lastGood = oldestFirst
        .slice(0, i)
        .reverse()
        .find(d => d.status === 'SUCCESSFUL');
      if (!lastGood) continue;
      expect(oldestFirst[i].sourceServiceRevisions!.map(r => r.arn)).toEqual([
        lastGood.targetServiceRevision!.arn,
      ]);
    }

    const rolledBack = described.filter(
      d => d.status === 'ROLLBACK_SUCCESSFUL',
    );
    expect(rolledBack.length).toBeGreaterThan(0);
    for (const d of rolledBack) {
      expect(d.rollback!.serviceRevisionArn).toBe(
        d.sourceServiceRevisions![0].arn,
      );
      expect(d.rollback!.reason).toBe(d.statusReason);
      expect(d.rollback!.startedAt!.getTime()).toBeLessThan(
        d.finishedAt!.getTime(),
      );
    }
    const successful = described.find(d => d.status === 'SUCCESSFUL')!;
    expect(successful.deploymentCircuitBreaker?.status).toBe(
      'MONITORING_COMPLETE',
    );
    expect(successful.statusReason).toBeUndefined();

    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [
          successful.targetServiceRevision!.arn!,
          successful.sourceServiceRevisions![0].arn!,
        ],
      }),
    );
    expect(revisions.failures).toEqual([]);
    const [target, source] = revisions.serviceRevisions!;
    expect(target.taskDefinition).toMatch(
      /^arn:aws:ecs:eu-west-1:333333333333:task-definition\/inventory-api:\d+$/,
    );
    expect(target.taskDefinition).not.toBe(source.taskDefinition);
    expect(target.createdAt).toEqual(successful.createdAt);
    expect(target.containerImages![0].image).toContain('inventory-api:');
  });

  it('keeps the stopped tasks of deployments the circuit breaker rolled back', async () => {
    let checked = 0;
    for (const { env, accountId } of ENVS) {
      const client = new ECSClient(sandboxClientConfig(sb, { accountId }));
      const cluster = `storefront-${env}`;
      const dayAgo = sb.clock.nowMs() - 2 * DAY;
      for (const service of ECS_SERVICES) {
        const { deployments } = await listAll(client, cluster, service, {
          status: ['ROLLBACK_SUCCESSFUL'],
          createdAt: { before: new Date(dayAgo) },
        });
        const tripped = [];
        for (let i = 0; i < deployments.length; i += 20) {
          const page = await client.send(
            new DescribeServiceDeploymentsCommand({
              serviceDeploymentArns: deployments
                .slice(i, i + 20)
                .map(d => d.serviceDeploymentArn!),
            }),
          );
          tripped.push(
            ...page.serviceDeployments!.filter(
              d => d.deploymentCircuitBreaker?.status === 'TRIGGERED',
            ),
          );
        }
        if (tripped.length === 0) continue;
        const listed = await client.send(
          new ListTasksCommand({
            cluster,
            serviceName: service,
            desiredStatus: 'STOPPED',
          }),
        );
        const { tasks } = await client.send(
          new DescribeTasksCommand({ cluster, tasks: listed.taskArns! }),
        );
        for (const d of tripped) {
          const own = tasks!.filter(
            t =>
              t.stoppedAt!.getTime() >= d.createdAt!.getTime() &&
              t.stoppedAt!.getTime() <= d.finishedAt!.getTime(),
          );
          expect(own).toHaveLength(2);
          for (const t of own) {
            expect(t.lastStatus).toBe('STOPPED');
            expect(t.stopCode).toBe('EssentialContainerExited');
            expect(t.stoppedReason).toEqual(expect.any(String));
            expect(t.containers![0].exitCode).not.toBe(0);
            expect(t.containers![0].reason).toBe(
              `Essential container exited with code ${
                t.containers![0].exitCode
              }`,
            );
            expect(t.startedBy).toMatch(/^ecs-svc\/\d{19}$/);
          }
          checked += 1;
        }
      }
      client.destroy();
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('links the pipeline executions to the imported deployments', async () => {
    const { deployments } = await listAll(
      ecs,
      'storefront-prod',
      'inventory-api',
    );
    const byArn = new Map(deployments.map(d => [d.serviceDeploymentArn, d]));
    let linked = 0;
    for await (const page of paginateListPipelineExecutions(
      { client: cp },
      { pipelineName: 'inventory-api-prod' },
    )) {
      for (const execution of page.pipelineExecutionSummaries!) {
        const actions = await cp.send(
          new ListActionExecutionsCommand({
            pipelineName: 'inventory-api-prod',
            filter: { pipelineExecutionId: execution.pipelineExecutionId },
          }),
        );
        const deploy = actions.actionExecutionDetails!.find(
          a => a.actionName === 'Deploy',
        );
        const id = deploy?.output?.executionResult?.externalExecutionId;
        if (!id) continue;
        const d = byArn.get(id);
        expect(d).toBeDefined();
        expect(d!.status === 'SUCCESSFUL').toBe(deploy!.status === 'Succeeded');
        linked += 1;
      }
    }
    // imported months plus the played-out release
    expect(linked).toBeGreaterThan(5);
  });

  it('leaves imported deployments as they are when the clock moves on', async () => {
    const before = await listAll(ecs, 'storefront-prod', 'ledger-api');
    sb.clock.advance(2 * 60 * 60_000);
    sb.world.tick();
    const after = await listAll(ecs, 'storefront-prod', 'ledger-api');
    const old = (list: ServiceDeploymentBrief[]) =>
      list.filter(d => d.createdAt!.getTime() < START.getTime() - 2 * DAY);
    expect(old(after.deployments)).toEqual(old(before.deployments));
    expect(old(after.deployments).length).toBeGreaterThan(3);
  });

  it('rejects imports for services without the ECS deployment controller', () => {
    expect(() =>
      sb.world.ecs.importServiceDeployment!({
        accountId: PROD,
        region: 'eu-west-1',
        cluster: 'storefront-prod',
        service: 'payments-api',
        taskDefinition: 'payments-api',
        status: 'SUCCESSFUL',
        createdAt: START.getTime() - 10 * DAY,
        finishedAt: START.getTime() - 10 * DAY + 60_000,
      }),
    ).toThrow(/CODE_DEPLOY deployment controller/);
  });
});

describe('ECS imported history across a restart', () => {
  it('is read back from the state file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-ecs-'));
    const statePath = path.join(dir, 'state.json');
    try {
      const first = await startSandbox({
        seed: 'demo',
        speed: 0,
        startAt: START,
        statePath,
      });
      const firstEcs = new ECSClient(
        sandboxClientConfig(first, { accountId: PROD }),
      );
      const expected = await listAll(firstEcs, 'storefront-prod', 'search-api');
      firstEcs.destroy();
      await first.close();

      const second = await startSandbox({ seed: 'demo', speed: 0, statePath });
      const ecs = new ECSClient(
        sandboxClientConfig(second, { accountId: PROD }),
      );
      try {
        const restored = await listAll(ecs, 'storefront-prod', 'search-api');
        expect(restored.deployments).toEqual(expected.deployments);
        expect(restored.deployments.length).toBeGreaterThan(10);
        const oldest = restored.deployments[restored.deployments.length - 1];
        const { serviceDeployments } = await ecs.send(
          new DescribeServiceDeploymentsCommand({
            serviceDeploymentArns: [oldest.serviceDeploymentArn!],
          }),
        );
        expect(serviceDeployments![0].status).toBe(oldest.status);
      } finally {
        ecs.destroy();
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
