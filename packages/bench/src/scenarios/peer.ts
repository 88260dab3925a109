import { mockCredentials } from '@backstage/backend-test-utils';
import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startBackendUnderTest, entityPath } from '../backendUnderTest';
import { subjectsOf } from '../fleet';
import { summarize } from '../stats';
import { table } from '../report';
import { measure } from './endpoints';
import { PeerJob } from './peerProcess';

const PEER = '@aws/amazon-ecs-plugin-for-backstage-backend';

export const PEER_NOT_INSTALLABLE = `${PEER} cannot be installed with Yarn here: its only version, 0.10.0, depends on @aws/amazon-ecs-plugin-for-backstage-common ^0.6.0, @aws/aws-core-plugin-for-backstage-common ^0.8.0 and @aws/aws-core-plugin-for-backstage-node ^0.5.0, which the npm registry answers with 404 (never published), besides its seven \`backstage:^\` ranges that need the Backstage Yarn plugin`;

export interface PeerRow {
  entity: string;
  ours: {
    coldCalls: number;
    coldMs: number;
    warmCalls: number;
    warmMs: number;
  };
  peer: {
    coldCalls: number;
    coldMs: number;
    warmCalls: number;
    warmMs: number;
    status: number;
  };
}

export interface PeerResult {
  installed: boolean;
  reason?: string;
  rows?: PeerRow[];
  markdown: string;
}

function repoNodeModules(): string {
  return path.resolve(
    path.dirname(require.resolve('@backstage/backend-plugin-api/package.json')),
    '../..',
  );
}

/** Starts the peer in its own process; resolves with its base URL. */
function startPeer(peerDir: string, sandboxUrl: string, job: PeerJob) {
  const child = fork(require.resolve('./peerProcess'), [], {
    execArgv: [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      // The peer from peerDir, everything else (Backstage, the SDK) from
      // this repository's node_modules, so both backends share one copy.
      NODE_PATH: [peerDir, repoNodeModules()].join(path.delimiter),
      AWS_ENDPOINT_URL: sandboxUrl,
      AWS_REGION: 'eu-west-1',
    },
  });
  const url = new Promise<string>((resolve, reject) => {
    child.on('message', (m: any) => {
      if (m?.url) resolve(m.url);
      if (m?.error) reject(new Error(m.error));
    });
    child.once('exit', code => reject(new Error(`peer exited with ${code}`)));
  });
  child.send(job);
  return { url, stop: () => child.disconnect() };
}

/**
 * The awslabs ECS backend plugin next to ours on the demo fleet, in the same
 * sandbox: per entity, our overview (`/environments`, every environment with
 * its deployment state) and the peer's service view
 * (`/api/amazon-ecs/v1/entity/…/services`, the one service its annotation
 * names, with its tasks), cold and warm, AWS calls from the call log. The
 * peer is not a dependency of this repository: `--peer-dir` names a
 * node_modules folder where it was assembled by hand (docs/performance.md).
 */
export async function runPeer(options: {
  peerDir?: string;
  latencyMs: number;
  repeats: number;
}): Promise<PeerResult> {
  const peerDir = options.peerDir;
  if (!peerDir || !fs.existsSync(path.join(peerDir, PEER, 'package.json'))) {
    return {
      installed: false,
      reason: PEER_NOT_INSTALLABLE,
      markdown: `Not measured: ${PEER_NOT_INSTALLABLE}. Pass \`--peer-dir=<node_modules>\` with the peer assembled by hand to measure it (docs/performance.md).`,
    };
  }
  const sb = await startSandbox({ seed: 'demo', latencyMs: options.latencyMs });
  const subjects = subjectsOf(sb);
  const entities = subjects.map(s => s.entity);
  const ours = await startBackendUnderTest({ endpoint: sb.url, entities });
  const peer = startPeer(peerDir, sb.url, { entities });
  try {
    const peerUrl = await peer.url;
    const peerBackend = {
      baseUrl: peerUrl,
      async get(p: string) {
        const started = performance.now();
        const response = await fetch(`${peerUrl}${p}`, {
          headers: { authorization: mockCredentials.user.header() },
        });
        const body = await response.json().catch(() => undefined);
        return {
          status: response.status,
          ms: performance.now() - started,
          body,
        };
      },
      stop: async () => {},
    };
    const rows: PeerRow[] = [];
    for (const subject of subjects) {
      const oursPath = `${entityPath(subject.name)}/environments`;
      const peerPath = `/api/amazon-ecs/v1/entity/default/component/${subject.name}/services`;
      const side = async (backend: any, p: string) => {
        const cold = await measure(sb, backend, p, options.latencyMs);
        const warm = [];
        for (let i = 0; i < options.repeats; i++) {
          warm.push(await measure(sb, backend, p, options.latencyMs));
        }
        return {
          coldCalls: cold.calls,
          coldMs: Math.round(cold.ms),
          warmCalls: Math.round(
            warm.reduce((n, w) => n + w.calls, 0) / warm.length,
          ),
          warmMs: Math.round(summarize(warm.map(w => w.ms)).p50),
          status: cold.status,
        };
      };
      const o = await side(ours, oursPath);
      const p = await side(peerBackend, peerPath);
      rows.push({ entity: subject.name, ours: o, peer: p });
    }
    const sum = (f: (r: PeerRow) => number) =>
      rows.reduce((n, r) => n + f(r), 0);
    const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '-');
    const markdown = [
      table(
        [
          'entity',
          'ours: calls cold / warm',
          'ours: ms cold / warm',
          'peer: calls cold / warm',
          'peer: ms cold / warm',
          'peer status',
        ],
        rows.map(r => [
          r.entity,
          `${r.ours.coldCalls} / ${r.ours.warmCalls}`,
          `${r.ours.coldMs} / ${r.ours.warmMs}`,
          `${r.peer.coldCalls} / ${r.peer.warmCalls}`,
          `${r.peer.coldMs} / ${r.peer.warmMs}`,
          r.peer.status,
        ]),
      ),
      `Totals over ${rows.length} entities: AWS calls cold ours ${sum(
        r => r.ours.coldCalls,
      )} vs peer ${sum(r => r.peer.coldCalls)} (peer/ours ${ratio(
        sum(r => r.peer.coldCalls),
        sum(r => r.ours.coldCalls),
      )}); warm per view ours ${sum(r => r.ours.warmCalls)} vs peer ${sum(
        r => r.peer.warmCalls,
      )}; latency cold ours ${sum(r => r.ours.coldMs)} ms vs peer ${sum(
        r => r.peer.coldMs,
      )} ms (peer/ours ${ratio(
        sum(r => r.peer.coldMs),
        sum(r => r.ours.coldMs),
      )}), warm ours ${sum(r => r.ours.warmMs)} ms vs peer ${sum(
        r => r.peer.warmMs,
      )} ms. Ours reads every environment (3 services) with deployment state; the peer one service (the prod ARN of its annotation) with its tasks.`,
    ].join('\n\n');
    return { installed: true, rows, markdown };
  } finally {
    peer.stop();
    await ours.stop();
    await sb.close();
  }
}
