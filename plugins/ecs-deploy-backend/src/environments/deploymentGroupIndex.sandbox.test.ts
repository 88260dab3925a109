import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import { AwsClientFactory } from '@ecs-deploy/plugin-ecs-deploy-node';
import { createAwsGateways } from '../aws/AwsGateways';
import { ClassedCache } from '../cache/ClassedCache';
import { ReadCache } from '../cache/ReadCache';
import { ReadContext } from '../reads/ReadContext';
import { deploymentGroupOfService } from './deploymentGroupIndex';

// The fleet seeder: svc-0001… in cluster storefront-prod, each with its own
// CodeDeploy application svc-NNNN-prod and group svc-NNNN-prod-dg.
const LOCATION = { accountId: '333333333333', region: 'eu-west-1' };
const CLUSTER = 'storefront-prod';
const SERVICES = 30;
const svc = (i: number) => `svc-${String(i).padStart(4, '0')}`;

describe('deploymentGroupOfService', () => {
  let sb: RunningSandbox;

  beforeAll(async () => {
    sb = await startSandbox({
      seed: 'fleet',
      seedOptions: { services: SERVICES, deploymentsPerService: 1 },
    });
  });
  afterAll(() => sb.close());
  beforeEach(() => {
    sb.faults.clear();
    sb.callLog.reset();
  });

  /** The first scan answers readers early and goes on: let it end. */
  const scanEnds = () => new Promise(r => setTimeout(r, 500));

  function context(resolutionMs = 600_000): ReadContext {
    const config = new ConfigReader({
      backend: { cache: { store: 'memory' } },
      aws: {
        accounts: [
          {
            accountId: LOCATION.accountId,
            accessKeyId: LOCATION.accountId,
            secretAccessKey: 'sandbox-secret',
          },
        ],
      },
      ecsDeploy: {
        aws: {
          endpoint: sb.url,
          defaultRegion: LOCATION.region,
          maxAttempts: 1,
        },
      },
    });
    const cache = new ClassedCache(
      new ReadCache(CacheManager.fromConfig(config).forPlugin('ecs-deploy')),
      {
        active: 5_000,
        finished: 60_000,
        list: 15_000,
        resolution: resolutionMs,
      },
    );
    return {
      aws: createAwsGateways(AwsClientFactory.fromConfig(config), cache),
      cache,
    };
  }

  it('scans the account once, then answers every service from the index', async () => {
    const ctx = context();
    await expect(
      deploymentGroupOfService(ctx, LOCATION, CLUSTER, svc(7)),
    ).resolves.toEqual({
      application: `${svc(7)}-prod`,
      deploymentGroup: `${svc(7)}-prod-dg`,
    });
    await scanEnds();
    expect(sb.callLog.count('codedeploy:ListApplications')).toBe(1);
    expect(sb.callLog.count('codedeploy:ListDeploymentGroups')).toBe(SERVICES);

    sb.callLog.reset();
    for (let i = 1; i <= SERVICES; i++) {
      const group = await deploymentGroupOfService(
        ctx,
        LOCATION,
        CLUSTER,
        svc(i),
      );
      expect(group?.deploymentGroup).toBe(`${svc(i)}-prod-dg`);
    }
    await expect(
      deploymentGroupOfService(
        ctx,
        LOCATION,
        CLUSTER,
        'not-deployed-by-codedeploy',
      ),
    ).resolves.toBeUndefined();
    expect(sb.callLog.total()).toBe(0);
  });

  it('answers a reader as soon as its service is found, while the first scan goes on', async () => {
    const ctx = context();
    sb.faults.set('codedeploy:*', { latencyMs: 20 });
    const found = await deploymentGroupOfService(
      ctx,
      LOCATION,
      CLUSTER,
      svc(1),
    );
    const groupsReadByThen = sb.callLog.count(
      'codedeploy:BatchGetDeploymentGroups',
    );
    expect(found?.deploymentGroup).toBe(`${svc(1)}-prod-dg`);
    expect(groupsReadByThen).toBeLessThan(SERVICES);
    // The scan went on and filled the index for everyone else.
    await scanEnds();
    await scanEnds();
    sb.callLog.reset();
    await expect(
      deploymentGroupOfService(ctx, LOCATION, CLUSTER, svc(SERVICES)),
    ).resolves.toBeDefined();
    expect(sb.callLog.total()).toBe(0);
  });

  it('under throttling rescans only the applications that failed, never the whole account again', async () => {
    const ctx = context();
    sb.faults.set('codedeploy:ListDeploymentGroups', { throttleRate: 0.3 });
    const found: string[] = [];
    const failures: string[] = [];
    // Every service once, as viewers of all entities would ask.
    for (let round = 0; round < 5 && found.length < SERVICES; round++) {
      for (let i = 1; i <= SERVICES; i++) {
        if (found.includes(svc(i))) continue;
        try {
          const group = await deploymentGroupOfService(
            ctx,
            LOCATION,
            CLUSTER,
            svc(i),
          );
          if (group) found.push(svc(i));
        } catch (error) {
          failures.push((error as Error).name);
        }
      }
    }
    expect(found).toHaveLength(SERVICES);
    expect(new Set(failures)).toEqual(
      new Set(failures.length ? ['ServiceUnavailableError'] : []),
    );
    expect(sb.callLog.count('codedeploy:ListApplications')).toBe(1);
    // A full rescan per failing request would read every application again.
    expect(sb.callLog.count('codedeploy:ListDeploymentGroups')).toBeLessThan(
      SERVICES * 2,
    );
  });

  it('answers from the last good index at once when it is old, and refreshes it behind', async () => {
    const ctx = context(50);
    await deploymentGroupOfService(ctx, LOCATION, CLUSTER, svc(1));
    await scanEnds();

    sb.faults.set('codedeploy:*', {
      errorRate: 1,
      errorCode: 'ServiceUnavailableException',
    });
    sb.callLog.reset();
    await expect(
      deploymentGroupOfService(ctx, LOCATION, CLUSTER, svc(2)),
    ).resolves.toEqual({
      application: `${svc(2)}-prod`,
      deploymentGroup: `${svc(2)}-prod-dg`,
    });
    // The refresh runs (and fails) behind the answer; on a loaded machine it
    // may take a while to reach the sandbox, so wait for it rather than sleep.
    for (let i = 0; i < 100; i++) {
      if (sb.callLog.count('codedeploy:ListApplications')) break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(sb.callLog.count('codedeploy:ListApplications')).toBe(1);
    await expect(
      deploymentGroupOfService(ctx, LOCATION, CLUSTER, svc(3)),
    ).resolves.toBeDefined();
  });

  it('says why when nothing can be read on the first lookup', async () => {
    const ctx = context();
    sb.faults.set('codedeploy:ListDeploymentGroups', {
      errorRate: 1,
      errorCode: 'ServiceUnavailableException',
    });
    await expect(
      deploymentGroupOfService(ctx, LOCATION, CLUSTER, svc(1)),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
  });
});
