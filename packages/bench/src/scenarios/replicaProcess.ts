/*
 * One backend replica in a process of its own (forked by replicas.ts), so
 * that its event-loop delay and CPU are its own and N replicas are N
 * processes, as behind a load balancer. The real scheduler (global tasks
 * locked in the database) decides which replica runs the watcher; signals
 * the plugin publishes go to the parent, which hands them to the viewers as
 * the signals backend would over its socket.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBackendUnderTest } from '../backendUnderTest';

export interface ReplicaJob {
  endpoint: string;
  entities: Entity[];
  /** root config such as `backend.database` and `backend.cache` */
  extraConfig: Record<string, unknown>;
  /** more of `ecsDeploy` (`watch`, `notifications`) */
  ecsDeploy: Record<string, unknown>;
}

/** What a replica tells its parent. */
export type ReplicaMessage =
  | { type: 'ready'; baseUrl: string }
  | { type: 'signal'; channel: string; message: Record<string, unknown> }
  | { type: 'report'; report: ReplicaReport };

export interface ReplicaReport {
  requests: number;
  /** user + system CPU of this process while it served, ms */
  cpuMs: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  signalsPublished: number;
}

const send = (message: ReplicaMessage) =>
  new Promise<void>(resolve => process.send!(message, () => resolve()));

async function serve(job: ReplicaJob) {
  let signalsPublished = 0;
  const relaySignals = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      async publish(signal) {
        signalsPublished += 1;
        await send({
          type: 'signal',
          channel: signal.channel,
          message: signal.message as Record<string, unknown>,
        });
      },
    }),
  });
  const backend = await startBackendUnderTest({
    endpoint: job.endpoint,
    entities: job.entities,
    extraConfig: job.extraConfig,
    ecsDeploy: job.ecsDeploy,
    features: [schedulerServiceFactory, relaySignals],
  });
  let requests = 0;
  backend.server.on('request', () => {
    requests += 1;
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuAtStart = process.cpuUsage();
  await send({ type: 'ready', baseUrl: backend.baseUrl });

  process.once('message', async () => {
    loop.disable();
    const cpu = process.cpuUsage(cpuAtStart);
    const report: ReplicaReport = {
      requests,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      eventLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
      eventLoopDelayMaxMs: Math.round(loop.max / 1e5) / 10,
      signalsPublished,
    };
    await send({ type: 'report', report });
    await backend.stop();
    process.exit(0);
  });
}

if (require.main === module) {
  process.once('message', (job: ReplicaJob) => {
    serve(job).catch(error => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    });
  });
}
