/*
 * `yarn bench`: AWS calls and latency of the ECS Deploy backend per view,
 * under many viewers, for a very long history, the frontend's bundle, and
 * the awslabs peer. Loopback only, bounded loops; see docs/performance.md.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { startBackendUnderTest } from './backendUnderTest';
import { BenchJson, compareRuns, readBenchJson } from './compare';
import { perCallBaseline } from './baseline';
import { awsSettled } from './settle';
import { BIG_ENTITY, startFleetSandbox, subjectsOf } from './fleet';
import { parseOptions } from './options';
import { endpointsTable, historyTable, table, viewersTable } from './report';
import { runControllers } from './scenarios/controllers';
import { runEndpoints } from './scenarios/endpoints';
import { runFrontend } from './scenarios/frontend';
import { runHistoryScale } from './scenarios/historyScale';
import { runPageParts } from './scenarios/pageParts';
import { runPeer } from './scenarios/peer';
import { runViewers, ViewersResult } from './scenarios/viewers';

const REPO_ROOT = path.resolve(
  resolvePackagePath('@ecs-deploy/bench'),
  '../..',
);

function log(message: string) {
  process.stderr.write(
    `[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  // Read before the run, so a wrong path fails in a second, not in minutes.
  const earlier = options.compare
    ? readBenchJson(path.resolve(REPO_ROOT, options.compare))
    : undefined;
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    options: { ...options, parts: [...options.parts] },
    machine: {
      cpus: require('node:os').cpus().length,
      node: process.version,
    },
  };
  const out: string[] = [
    `# ECS Deploy bench (${results.startedAt}, injected AWS latency ${options.latencyMs} ms)`,
  ];

  const needsFleet = ['endpoints', 'viewers', 'history'].some(p =>
    options.parts.has(p),
  );
  if (needsFleet) {
    log(
      `seeding ${options.services} services x ${options.deploymentsPerService} deployments + ${BIG_ENTITY} (${options.bigEntityDeployments})`,
    );
    const seedStart = Date.now();
    const sb = await startFleetSandbox(
      {
        services: options.services,
        deploymentsPerService: options.deploymentsPerService,
        bigEntityDeployments: options.bigEntityDeployments,
      },
      options.latencyMs,
    );
    results.seedMs = Date.now() - seedStart;
    const subjects = subjectsOf(sb);
    const fleet = subjects.filter(s => s.name !== BIG_ENTITY);
    log(`${subjects.length} entities in ${results.seedMs} ms`);
    const entities = subjects.map(s => s.entity);
    const start = () => startBackendUnderTest({ endpoint: sb.url, entities });
    const baseline = await perCallBaseline(
      sb,
      Object.values(fleet[0].services)[0],
    );
    results.perCallBaseline = baseline;
    out.push(
      `One AWS call through the SDK against this sandbox (DescribeServices, sequential): p50 ${baseline.p50} ms, p95 ${baseline.p95} ms (injected: ${options.latencyMs} ms).`,
    );
    try {
      if (options.parts.has('endpoints')) {
        const measured = await start();
        const walker = await start();
        // The first CODE_DEPLOY view in an account scans the account's
        // deployment groups (resolution cache); measure it apart.
        const first = fleet[fleet.length - 1];
        sb.callLog.reset();
        const t0 = performance.now();
        const firstOut = await measured.get(
          `/api/ecs-deploy/entities/component/default/${first.name}/environments`,
        );
        const answeredMs = Math.round(performance.now() - t0);
        const callsByAnswer = sb.callLog.total();
        // The scan goes on after the answer: count all of it.
        await awsSettled(sb);
        const firstView = {
          entity: first.name,
          status: firstOut.status,
          ms: answeredMs,
          callsByAnswer,
          calls: sb.callLog.total(),
          counts: sb.callLog.counts(),
        };
        await walker.get(
          `/api/ecs-deploy/entities/component/default/${first.name}/environments`,
        );
        await awsSettled(sb);
        log('part 1: endpoints');
        const endpoints = await runEndpoints({
          sb,
          measured,
          walker,
          subjects: fleet,
          samples: options.samples,
          warmRepeats: options.warmRepeats,
          latencyMs: options.latencyMs,
          callMs: baseline.p50,
          deepPage: options.deepPage,
        });
        results.endpoints = { firstView, endpoints };
        out.push(
          '## 1. Per endpoint (CODE_DEPLOY service with pipeline, cold = entity never seen by the backend)',
          endpointsTable(endpoints),
          `First view in an account (deployment group scan, ${
            firstView.entity
          }): answered in ${firstView.ms} ms after ${
            firstView.callsByAnswer
          } AWS calls; the scan made ${firstView.calls} in all; status ${
            firstView.status
          }: ${JSON.stringify(firstView.counts)}`,
          table(
            ['endpoint', 'AWS calls of the median cold request'],
            endpoints.map(e => [e.endpoint, JSON.stringify(e.coldCounts)]),
          ),
        );
        await measured.stop();
        await walker.stop();
        log('part 1b: demo fleet, one entity per deployment kind');
        const controllers = await runControllers({
          latencyMs: options.latencyMs,
          warmWith: 'checkout-web',
        });
        results.controllers = controllers.rows;
        out.push(
          '### 1b. Demo fleet, one entity per deployment kind',
          controllers.markdown,
        );
      }

      if (options.parts.has('viewers')) {
        log('part 2: many viewers');
        const names = fleet.slice(0, options.entities).map(s => s.name);
        // Some entities get a deployment in progress: a pipeline run.
        for (const name of names.slice(0, options.inProgress)) {
          await sb.invoke(
            'codepipeline',
            'StartPipelineExecution',
            { name: `${name}-prod` },
            { accountId: '333333333333', region: 'eu-west-1' },
          );
        }
        const runs: ViewersResult[] = [];
        const run = async (
          label: string,
          viewers: number,
          opts: { warmResolution: boolean; throttle: boolean },
        ) => {
          // A fresh backend per run: every run starts with an empty cache.
          const backend = await start();
          try {
            if (opts.warmResolution) {
              // The account's deployment group scan happens once per
              // backend (part 1 measures it); keep it out of the rate.
              await backend.get(
                `/api/ecs-deploy/entities/component/default/${names[0]}/environments`,
              );
              await awsSettled(sb);
            }
            if (opts.throttle) {
              sb.faults.set('*', {
                latencyMs: options.latencyMs,
                throttleRate: 0.2,
              });
            }
            log(`  ${label}: ${viewers} viewers for ${options.durationS} s`);
            runs.push(
              await runViewers({
                label,
                sb,
                backend,
                names,
                viewers,
                durationMs: options.durationS * 1000,
                intervalMs: options.pollIntervalMs,
              }),
            );
          } finally {
            sb.faults.set('*', { latencyMs: options.latencyMs });
            await backend.stop();
          }
        };
        const warm = { warmResolution: true, throttle: false };
        await run('few viewers', options.fewViewers, warm);
        await run('many viewers', options.viewers, warm);
        await run('many viewers, 20% throttled', options.viewers, {
          warmResolution: true,
          throttle: true,
        });
        await run(
          'many viewers, 20% throttled, backend just started',
          options.viewers,
          { warmResolution: false, throttle: true },
        );
        const [few, many] = runs;
        const ratio =
          Math.round((many.awsCallsPerSecond / few.awsCallsPerSecond) * 100) /
          100;
        results.viewers = { runs, awsCallsRatioManyToFew: ratio };
        out.push(
          `## 2. Many viewers (${names.length} entities, ${options.inProgress} deploying, poll every ${options.pollIntervalMs} ms)`,
          viewersTable(runs),
          `AWS calls per second, ${many.viewers} viewers / ${few.viewers} viewers: **${ratio}** (1.0 = independent of viewers)`,
          table(
            ['run', 'busiest AWS operations (calls)'],
            runs.map(r => [r.label, JSON.stringify(r.topOperations)]),
          ),
        );
      }

      if (options.parts.has('history')) {
        log('part 3: history at scale');
        const measured = await start();
        const walker = await start();
        // Resolution (the account's deployment group map) warm on both, so
        // the numbers are the history's own.
        for (const b of [measured, walker]) {
          await b.get(
            `/api/ecs-deploy/entities/component/default/${fleet[0].name}/environments`,
          );
          await awsSettled(sb);
        }
        const big = await runHistoryScale({
          sb,
          measured,
          walker,
          name: BIG_ENTITY,
          deployments: options.bigEntityDeployments,
          pages: [1, 20],
          latencyMs: options.latencyMs,
        });
        results.history = big;
        out.push('## 3. History at scale', historyTable(big));
        await measured.stop();
        await walker.stop();
      }
    } finally {
      await sb.close();
    }
  }

  if (options.parts.has('frontend')) {
    log('part 4: frontend');
    const frontend = await runFrontend(REPO_ROOT, {
      latencyMs: options.latencyMs,
      repeats: options.quick ? 1 : 3,
    });
    results.frontend = frontend;
    out.push('## 4. Frontend', frontend.markdown);
  }

  if (options.parts.has('peer')) {
    log('part 5: awslabs peer');
    const peer = await runPeer({
      peerDir: options.peerDir,
      latencyMs: options.latencyMs,
      repeats: options.warmRepeats,
    });
    results.peer = peer;
    out.push('## 5. Side by side with the awslabs ECS plugin', peer.markdown);
  }

  if (options.parts.has('page') || options.parts.has('replicas')) {
    log('parts 6-7: page mode and replicas');
    const page = await runPageParts({
      ...options,
      stores: { postgresUrl: options.postgresUrl, redisUrl: options.redisUrl },
      intervalMs: options.pollIntervalMs,
      log,
    });
    Object.assign(results, page.results);
    out.push(...page.markdown);
  }

  if (earlier) out.push(compareRuns(earlier, results as BenchJson));

  const dir = path.resolve(REPO_ROOT, options.outDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `bench-${String(results.startedAt).replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(
    path.join(dir, 'latest.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  process.stdout.write(`${out.join('\n\n')}\n\nJSON: ${file}\n`);
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
