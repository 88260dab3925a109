import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { table } from '../report';
import { runTabRender, TabRenderResult } from './tabRender';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FrontendResult {
  appBuild: 'found' | 'missing';
  pluginChunks: ChunkSize[];
  allJsBytes?: number;
  allJsGzipBytes?: number;
  renderTiming: string;
  tab?: TabRenderResult;
  tabs?: TabRenderResult[];
  /** a backend that read the tabs at start (`warmEntitiesOnStart`), as after a restart */
  restarted?: TabRenderResult;
  markdown: string;
}

/** A string every chunk holding the plugin's code contains (its API path and annotations). */
const PLUGIN_MARKERS = ['ecs-deploy.io/', '/api/ecs-deploy', 'ecs-deploy'];

/**
 * Sizes of the app's JavaScript chunks that hold the ECS Deploy plugin, from
 * a production build of packages/app (`yarn workspace app build`, not run by
 * the bench: it takes minutes on two cores), and the time until the
 * Deployments tab of an entity with 1,000 history entries is rendered and
 * answers a click, in Chromium.
 */
export async function runFrontend(
  repoRoot: string,
  options: { latencyMs: number; repeats: number },
): Promise<FrontendResult> {
  const staticDir = path.join(repoRoot, 'packages/app/dist/static');
  let renderTiming = 'not measured: needs the production build of packages/app';
  if (!fs.existsSync(staticDir)) {
    const markdown = `No production build at packages/app/dist: run \`yarn workspace app build\` first for chunk sizes.\n\nRender timing: ${renderTiming}.`;
    return { appBuild: 'missing', pluginChunks: [], renderTiming, markdown };
  }
  const chunks: ChunkSize[] = [];
  let allJsBytes = 0;
  let allJsGzipBytes = 0;
  for (const file of fs.readdirSync(staticDir)) {
    if (!file.endsWith('.js')) continue;
    const content = fs.readFileSync(path.join(staticDir, file));
    const gzipBytes = zlib.gzipSync(content).length;
    allJsBytes += content.length;
    allJsGzipBytes += gzipBytes;
    const text = content.toString('utf8');
    if (PLUGIN_MARKERS.some(m => text.includes(m))) {
      chunks.push({ file, bytes: content.length, gzipBytes });
    }
  }
  chunks.sort((a, b) => b.bytes - a.bytes);
  let tab: TabRenderResult | undefined;
  let restarted: TabRenderResult | undefined;
  const tabs: TabRenderResult[] = [];
  try {
    // 500 deployments: each is a pipeline execution and a CodeDeploy
    // deployment in the history, 1,000 entries. Each run is cold (new
    // sandbox, backend and browser); the median of the runs by first row.
    for (let i = 0; i < options.repeats; i++) {
      tabs.push(
        await runTabRender({
          repoRoot,
          deployments: 500,
          latencyMs: options.latencyMs,
        }),
      );
    }
    tabs.sort((a, b) => a.firstRowMs - b.firstRowMs);
    tab = tabs[Math.floor(tabs.length / 2)];
    restarted = await runTabRender({
      repoRoot,
      deployments: 500,
      latencyMs: options.latencyMs,
      warmAtStart: true,
    });
    renderTiming = 'measured';
  } catch (error) {
    renderTiming = `failed: ${String(error).split('\n')[0]}`;
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  const rowLabel = (t: TabRenderResult) => {
    if (t === restarted) {
      return 'full page load, backend just started, tabs read at start';
    }
    return t === tab ? 'full page load, cold (median)' : 'full page load, cold';
  };
  const markdown = [
    table(
      ['chunk holding ECS Deploy code', 'KiB', 'KiB gzip'],
      [
        ...chunks.map(c => [c.file, kb(c.bytes), kb(c.gzipBytes)]),
        ['all JS of the app', kb(allJsBytes), kb(allJsGzipBytes)],
      ],
    ),
    tab
      ? table(
          [
            'Deployments tab, 1,000 entries',
            'first row ms',
            'settled ms',
            'click to detail ms',
            'first row ms, in the booted app',
            'again, backend warm',
            'API requests',
            'AWS calls',
          ],
          [...tabs, ...(restarted ? [restarted] : [])].map(t => [
            rowLabel(t),
            t.firstRowMs,
            t.settledMs,
            t.clickToDetailMs,
            t.inAppFirstRowMs,
            t.inAppWarmFirstRowMs,
            t.ecsDeployRequests,
            t.awsCalls,
          ]),
        )
      : `Render timing: ${renderTiming}.`,
    ...(tab
      ? [
          `Requests of the tab: ${tab.requests
            .map(r => `\`${r.replace(/cursor=[^&]+/, 'cursor=…')}\``)
            .join(', ')}`,
          `AWS calls of the tab: ${JSON.stringify(tab.awsCallsByOperation)}`,
          `In the booted app, the requests of the navigation answered by its first row (started after it / took, ms): ${tab.inAppRequests
            .map(r => `\`${r.request}\` ${r.startedMs} / ${r.ms}`)
            .join(', ')}`,
        ]
      : []),
  ].join('\n\n');
  return {
    appBuild: 'found',
    pluginChunks: chunks,
    allJsBytes,
    allJsGzipBytes,
    renderTiming,
    ...(tab ? { tab, tabs } : {}),
    ...(restarted ? { restarted } : {}),
    markdown,
  };
}
