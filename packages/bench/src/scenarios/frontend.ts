import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { table } from '../report';

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
  markdown: string;
}

/** A string every chunk holding the plugin's code contains (its API path and annotations). */
const PLUGIN_MARKERS = ['ecs-deploy.io/', '/api/ecs-deploy', 'ecs-deploy'];

/**
 * Sizes of the app's JavaScript chunks that hold the ECS Deploy plugin, from
 * a production build of packages/app (`yarn workspace app build`, not run by
 * the bench: it takes minutes on two cores). The time to an interactive
 * Deployments tab in Chromium is not measured yet (docs/performance.md).
 */
export async function runFrontend(repoRoot: string): Promise<FrontendResult> {
  const staticDir = path.join(repoRoot, 'packages/app/dist/static');
  const renderTiming =
    'not measured: needs the app served against a backend with a 1,000-entry entity and a Playwright script (see docs/performance.md)';
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
  const kb = (n: number) => (n / 1024).toFixed(1);
  const markdown = [
    table(
      ['chunk holding ECS Deploy code', 'KiB', 'KiB gzip'],
      [
        ...chunks.map(c => [c.file, kb(c.bytes), kb(c.gzipBytes)]),
        ['all JS of the app', kb(allJsBytes), kb(allJsGzipBytes)],
      ],
    ),
    `Render timing: ${renderTiming}.`,
  ].join('\n\n');
  return {
    appBuild: 'found',
    pluginChunks: chunks,
    allJsBytes,
    allJsGzipBytes,
    renderTiming,
    markdown,
  };
}
