import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../core/AwsError';
import type { SandboxClock } from '../core/SandboxClock';
import type { Seeder, ServiceDefinition, ServiceModule } from '../core/types';
import { seeders as registeredSeeders, serviceModules } from '../services';
import type { SandboxWorld, SourceRepositoryRule } from '../world';
import { CallLog } from './CallLog';
import { createAwsCallHandler } from './awsCall';
import { CONTROL_PREFIX, handleControl } from './controlApi';
import { createControlToken } from './controlToken';
import { createWorld } from './createWorld';
import { FaultInjector, type FaultConfig } from './FaultInjector';
import { isLoopbackHost, refuseForeignHost } from './foreignHost';
import { loadState, saveState } from './stateFile';

/** @public */
export interface SandboxLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** @public */
export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** A registered seeder (`demo`, ...) or `none` (default). Skipped when state is restored from `statePath`. */
  seed?: string;
  /** Passed to the seeder (e.g. fleet size for benchmarks). */
  seedOptions?: Record<string, unknown>;
  /** How many times faster than AWS time the clock runs (default 1). */
  speed?: number;
  /** Simulated time to start at (default now). */
  startAt?: Date;
  /** JSON file to restore from at start and save to on an interval and on close. */
  statePath?: string;
  /** Default 5000 ms. */
  stateSaveIntervalMs?: number;
  /** How often lifecycles move without requests (wall ms, default 250). Requests also tick. */
  tickIntervalMs?: number;
  /** Initial fault rules, keyed `service:Operation`, `service:*` or `*`. */
  faults?: FaultConfig;
  /** Added latency for every call (shorthand for `faults: { '*': { latencyMs } }`). */
  latencyMs?: number;
  /**
   * Bearer token of the control API (`/_sandbox/*`); default a new random one
   * per start, read it from `RunningSandbox.controlToken`.
   */
  controlToken?: string;
  /** Seed of the fault PRNG (default 1). */
  faultSeed?: number | string;
  /** Account and region for requests that do not name one (default 111111111111, eu-west-1). */
  defaults?: { accountId: string; region: string };
  /**
   * Local git repositories that CodePipeline's Git connection sources
   * (CodeStarSourceConnection) read: `{ owner: 'local', directory }` serves
   * `FullRepositoryId` `local/<repo>` from `<directory>/<repo>`. Read only.
   */
  sourceRepositories?: SourceRepositoryRule[];
  /** Service modules to serve (default: the registry in `src/services/index.ts`). */
  modules?: ServiceModule[];
  /** Extra seeders by name, in addition to the registry's. */
  seeders?: Record<string, Seeder>;
  logger?: SandboxLogger;
}

/** @public */
export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`, the `endpoint` for every SDK client. */
  url: string;
  port: number;
  world: SandboxWorld;
  clock: SandboxClock;
  callLog: CallLog;
  faults: FaultInjector;
  /** What the control API (`/_sandbox/*`) wants as `Authorization: Bearer <token>`. */
  controlToken: string;
  /** Calls an operation in-process (no HTTP, no call log, no faults). */
  invoke<T = any>(
    service: string,
    operation: string,
    input: unknown,
    where?: { accountId?: string; region?: string },
  ): Promise<T>;
  /** Writes the state file now (no-op without `statePath`). */
  saveState(): void;
  /** Stops the server, saving state first when `statePath` is set. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

const defaultLogger: SandboxLogger = {
  info: () => {},
  warn: message => process.stderr.write(`[aws-sandbox] ${message}\n`),
  error: (message, error) =>
    process.stderr.write(
      `[aws-sandbox] ${message}${
        error ? `: ${(error as Error)?.stack ?? String(error)}` : ''
      }\n`,
    ),
};

/**
 * Starts the sandbox on 127.0.0.1 and resolves once it listens.
 *
 * @public
 */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<RunningSandbox> {
  const logger = options.logger ?? defaultLogger;
  const controlToken = checkedControlToken(options.controlToken);
  const { world, tags, definitions, reseedRandom } = createWorld({
    modules: options.modules ?? serviceModules,
    speed: options.speed,
    startAt: options.startAt,
    defaults: options.defaults,
    sourceRepositories: options.sourceRepositories?.map(checkedSourceRule),
    onTickError: (module, error) =>
      logger.error(`tick of ${module} failed`, error),
  });
  const callLog = new CallLog();
  const faults = new FaultInjector(
    {
      ...(options.latencyMs
        ? { '*': { latencyMs: options.latencyMs } }
        : undefined),
      ...options.faults,
    },
    options.faultSeed ?? 1,
  );
  const invoke = createInvoker(definitions, world);
  const handleAwsCall = createAwsCallHandler({
    world,
    definitions,
    callLog,
    faults,
    onUnexpected: (call, error) => logger.error(`${call} failed`, error),
  });

  const loaded = options.statePath
    ? loadState(options.statePath, world, tags)
    : 'absent';
  if (loaded === 'outdated') {
    logger.warn(
      `${options.statePath} was written by an older sandbox; starting from the seed instead (the file is replaced at the next save)`,
    );
  }
  if (loaded === 'restored') {
    reseedRandom(`aws-sandbox:${world.clock.nowMs()}`);
    logger.info(`restored state from ${options.statePath}`);
  } else if (options.seed && options.seed !== 'none') {
    const seeder =
      options.seeders?.[options.seed] ?? registeredSeeders[options.seed];
    if (!seeder) {
      throw new Error(
        `Unknown sandbox seed '${options.seed}'; known: none, ${Object.keys({
          ...registeredSeeders,
          ...options.seeders,
        }).join(', ')}`,
      );
    }
    await seeder({ world, invoke, options: options.seedOptions ?? {} });
  }
  world.tick();

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch(error => {
      logger.error('request failed', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
      }
      res.end(
        JSON.stringify({ __type: 'InternalFailure', message: String(error) }),
      );
    });
  });

  async function handleRequest(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const body = await readBody(req);
    if (!isLoopbackHost(req.headers.host)) {
      refuseForeignHost(req, res, body, {
        controlPrefix: CONTROL_PREFIX,
        definitions,
      });
      return;
    }
    if (req.url?.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, body, {
        world,
        callLog,
        faults,
        token: controlToken,
      });
      return;
    }
    await handleAwsCall(req, res, body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const tickTimer = setInterval(
    () => world.tick(),
    options.tickIntervalMs ?? 250,
  );
  tickTimer.unref();
  const persist = () => {
    if (!options.statePath) return;
    try {
      saveState(options.statePath, world, tags);
    } catch (error) {
      logger.error(`saving state to ${options.statePath} failed`, error);
    }
  };
  const saveTimer = options.statePath
    ? setInterval(persist, options.stateSaveIntervalMs ?? 5000)
    : undefined;
  saveTimer?.unref();

  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    world,
    clock: world.clock,
    callLog,
    faults,
    controlToken,
    invoke,
    saveState: persist,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(tickTimer);
      if (saveTimer) clearInterval(saveTimer);
      persist();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function createInvoker(
  definitions: ServiceDefinition[],
  world: SandboxWorld,
): RunningSandbox['invoke'] {
  return async (service, operation, input, where) => {
    const definition = definitions.find(d => d.name === service);
    const handler = definition?.operations[operation];
    if (!handler) {
      throw new AwsError(
        'UnknownOperationException',
        `Unknown operation ${service}:${operation}`,
      );
    }
    world.tick();
    return (await handler(input ?? {}, {
      world,
      accountId: where?.accountId ?? world.defaults.accountId,
      region: where?.region ?? world.defaults.region,
      requestId: randomUUID(),
    })) as any;
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function checkedSourceRule(rule: SourceRepositoryRule): SourceRepositoryRule {
  if (!/^[A-Za-z0-9_.-]+$/.test(rule.owner)) {
    throw new Error(
      `sourceRepositories: owner '${rule.owner}' is not a repository owner name`,
    );
  }
  return { owner: rule.owner, directory: path.resolve(rule.directory) };
}

function checkedControlToken(token: string | undefined): string {
  if (token === undefined) return createControlToken();
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new Error(
      'controlToken must be a non-empty string of printable ASCII without spaces',
    );
  }
  return token;
}
