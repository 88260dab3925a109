import {
  AccessDeniedException,
  CreateClusterCommand,
  DescribeClustersCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { sandboxClientConfig } from '../testUtils';
import { startSandbox, type RunningSandbox } from './startSandbox';

/* Injected faults as the real SDK clients see them. */

describe('fault injection through the SDK', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;
  beforeEach(async () => {
    sb = await startSandbox();
    ecs = new ECSClient(sandboxClientConfig(sb));
  });
  afterEach(async () => {
    ecs.destroy();
    await sb.close();
  });

  /** The error CreateCluster rejects with. */
  const createCluster = (clusterName: string) =>
    ecs.send(new CreateClusterCommand({ clusterName })).then(
      () => {
        throw new Error('CreateCluster was answered');
      },
      error => error,
    );
  const clusterStatus = async (clusterName: string) => {
    const { clusters, failures } = await ecs.send(
      new DescribeClustersCommand({ clusters: [clusterName] }),
    );
    return clusters?.[0]?.status ?? failures?.[0]?.reason;
  };

  it('applies a call and then loses its answer (dropResponseRate)', async () => {
    sb.faults.set('ecs:CreateCluster', { dropResponseRate: 1 });
    const error = await createCluster('shop');
    // a network error: no HTTP answer reached the client
    expect(error.message).toMatch(/socket hang up/);
    expect(error.$metadata.httpStatusCode).toBeUndefined();

    sb.faults.clear();
    expect(await clusterStatus('shop')).toBe('ACTIVE');
    expect(sb.callLog.entries()).toEqual([
      expect.objectContaining({
        key: 'ecs:CreateCluster',
        status: 0,
        applied: true,
      }),
      expect.objectContaining({ key: 'ecs:DescribeClusters', status: 200 }),
    ]);
  });

  it('drops a call before it runs (dropRate)', async () => {
    sb.faults.set('ecs:CreateCluster', { dropRate: 1 });
    expect((await createCluster('shop')).message).toMatch(/socket hang up/);

    sb.faults.clear();
    expect(await clusterStatus('shop')).toBe('MISSING');
    expect(sb.callLog.entries()[0]).toMatchObject({
      key: 'ecs:CreateCluster',
      status: 0,
      applied: false,
    });
  });

  it('raises an injected error with the message given (errorMessage)', async () => {
    const message =
      'User: arn:aws:sts::111111111111:assumed-role/backstage-ecs-deploy/session is not authorized to perform: ecs:CreateCluster on resource: * because no identity-based policy allows the ecs:CreateCluster action';
    sb.faults.set('ecs:CreateCluster', {
      errorRate: 1,
      errorCode: 'AccessDeniedException',
      errorStatus: 400,
      errorMessage: message,
    });
    const sent = ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    await expect(sent).rejects.toBeInstanceOf(AccessDeniedException);
    await expect(sent).rejects.toMatchObject({
      message,
      $metadata: { httpStatusCode: 400 },
    });

    const elb = new ElasticLoadBalancingV2Client(sandboxClientConfig(sb));
    sb.faults.set('elbv2:*', {
      throttleRate: 1,
      errorMessage: 'Rate exceeded for DescribeLoadBalancers',
    });
    await expect(
      elb.send(new DescribeLoadBalancersCommand({})),
    ).rejects.toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded for DescribeLoadBalancers',
    });
    elb.destroy();
  });
});
