import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox } from './startSandbox';
import { advanceSandbox, sandboxClientConfig } from '../testUtils';

describe('state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-sandbox-state-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries a deployment in progress across a restart', async () => {
    const statePath = path.join(dir, 'nested', 'aws-sandbox.json');
    let sb = await startSandbox({ statePath });
    let ecs = new ECSClient(sandboxClientConfig(sb));
    await ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    const register = async (tag: string) =>
      (
        await ecs.send(
          new RegisterTaskDefinitionCommand({
            family: 'orders',
            containerDefinitions: [{ name: 'app', image: `orders:${tag}` }],
          }),
        )
      ).taskDefinition!.taskDefinitionArn!;
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'orders',
        taskDefinition: await register('1'),
        desiredCount: 2,
        tags: [{ key: 'environment', value: 'dev' }],
      }),
    );
    advanceSandbox(sb, 70_000);
    const v2 = await register('2');
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'orders',
        taskDefinition: v2,
      }),
    );
    const taskIdsBefore = sb.world.stores.ecs.snapshot().tasks.map(t => t.id);
    ecs.destroy();
    await sb.close();
    expect(fs.existsSync(statePath)).toBe(true);

    sb = await startSandbox({ statePath });
    ecs = new ECSClient(sandboxClientConfig(sb));
    let { serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'orders' }),
    );
    expect(serviceDeployments![0].status).toBe('IN_PROGRESS');
    advanceSandbox(sb, 70_000);
    ({ serviceDeployments } = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'orders' }),
    ));
    expect(serviceDeployments![0].status).toBe('SUCCESSFUL');
    const { services } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'shop',
        services: ['orders'],
        include: ['TAGS'],
      }),
    );
    expect(services![0].taskDefinition).toBe(v2);
    expect(services![0].tags).toEqual([{ key: 'environment', value: 'dev' }]);

    // ids drawn after the restart do not repeat the ones before it
    const taskIdsAfter = sb.world.stores.ecs.snapshot().tasks.map(t => t.id);
    expect(new Set(taskIdsAfter).size).toBe(taskIdsAfter.length);
    expect(taskIdsAfter.length).toBeGreaterThan(taskIdsBefore.length);
    ecs.destroy();
    await sb.close();
  });

  it('seeds afresh, with a warning, instead of restoring a file an older sandbox wrote', async () => {
    const statePath = path.join(dir, 'aws-sandbox.json');
    fs.writeFileSync(
      statePath,
      JSON.stringify({ version: 1, clockMs: 0, tags: {}, stores: {} }),
    );
    const seeded = jest.fn();
    const warnings: string[] = [];
    const sb = await startSandbox({
      statePath,
      seed: 'probe',
      seeders: { probe: seeded },
      logger: {
        info: () => {},
        warn: message => warnings.push(message),
        error: () => {},
      },
    });
    await sb.close();

    expect(seeded).toHaveBeenCalledTimes(1);
    expect(warnings).toEqual([
      expect.stringContaining('was written by an older sandbox'),
    ]);
    expect(JSON.parse(fs.readFileSync(statePath, 'utf8')).version).toBe(2);
  });
});
