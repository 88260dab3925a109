import fs from 'node:fs';
import path from 'node:path';
import type { SandboxWorld } from '../world';
import type { InMemoryTagStore } from '../services/tagging/InMemoryTagStore';

/**
 * The state file's format. 2: pipeline artifacts are files (an ECR source's
 * `imageDetail.json`) and the demo pipelines read an infrastructure
 * repository; a version 1 file's pipelines would not deploy any more.
 */
const STATE_VERSION = 2;

/** The state file's shape: every store's snapshot plus simulated time. */
interface StateFile {
  version: number;
  savedAt: string;
  clockMs: number;
  tags: unknown;
  stores: Record<string, unknown>;
}

export function saveState(
  file: string,
  world: SandboxWorld,
  tags: InMemoryTagStore,
): void {
  const state: StateFile = {
    version: STATE_VERSION,
    savedAt: new Date().toISOString(),
    clockMs: world.clock.nowMs(),
    tags: tags.snapshot(),
    stores: Object.fromEntries(
      Object.entries(world.stores).map(([name, store]) => [
        name,
        store.snapshot(),
      ]),
    ),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a crash mid-write never leaves half a file to restore.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

/**
 * Restores the world from `file`: `absent` when there is no file, `outdated`
 * (nothing restored) when an older sandbox wrote it.
 */
export function loadState(
  file: string,
  world: SandboxWorld,
  tags: InMemoryTagStore,
): 'restored' | 'absent' | 'outdated' {
  if (!fs.existsSync(file)) return 'absent';
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as StateFile;
  if (state.version < STATE_VERSION) return 'outdated';
  if (state.version !== STATE_VERSION) {
    throw new Error(
      `Unsupported sandbox state file version ${state.version} in ${file}`,
    );
  }
  world.clock.resumeAt(state.clockMs);
  tags.restore(state.tags);
  for (const [name, store] of Object.entries(world.stores)) {
    if (name in state.stores) store.restore(state.stores[name]);
  }
  return 'restored';
}
