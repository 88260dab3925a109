import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import type { RunningSandbox } from '@ecs-deploy/aws-sandbox';
import { summarize, LatencySummary } from './stats';

/**
 * What one AWS call costs end to end through the SDK against this sandbox
 * (injected latency + SDK signing and parsing + the sandbox's own work,
 * which grows with the fleet it holds): the real price of one level of a
 * call chain on this machine. The lower bound uses the injected latency;
 * this tells how much of the rest is the harness, not the backend.
 */
export async function perCallBaseline(
  sb: RunningSandbox,
  serviceArn: string,
  samples = 20,
): Promise<LatencySummary> {
  const [, , , region, accountId, resource] = serviceArn.split(':');
  const [, cluster, service] = resource.split('/');
  const ecs = new ECSClient({
    endpoint: sb.url,
    region,
    credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < samples + 2; i++) {
      const started = performance.now();
      await ecs.send(
        new DescribeServicesCommand({ cluster, services: [service] }),
      );
      // The first calls warm the connection and the SDK.
      if (i >= 2) times.push(performance.now() - started);
    }
  } finally {
    ecs.destroy();
  }
  return summarize(times);
}
