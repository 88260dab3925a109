import type { IncomingMessage, ServerResponse } from 'node:http';
import { advanceSandbox } from '../testUtils';
import type { SandboxWorld } from '../world';
import type { CallLog } from './CallLog';
import type { FaultConfig, FaultInjector } from './FaultInjector';

/** Prefix of the sandbox's own HTTP API, for users outside the process. */
export const CONTROL_PREFIX = '/_sandbox/';

interface ControlDeps {
  world: SandboxWorld;
  callLog: CallLog;
  faults: FaultInjector;
}

/**
 * `GET  /_sandbox/health`         -> `{ status, now, speed }`
 * `GET  /_sandbox/calls`          -> `{ total, counts }` (`?entries=true` adds the latest calls)
 * `POST /_sandbox/calls/reset`
 * `GET  /_sandbox/faults`         -> the fault rules
 * `PUT  /_sandbox/faults`         <- rules to replace them (`{}` clears)
 * `POST /_sandbox/clock/advance`  <- `{ "ms": 60000 }` (ticks the world in steps)
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  deps: ControlDeps,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const route = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (route) {
      case 'GET health':
        return send(res, 200, {
          status: 'ok',
          now: deps.world.clock.now().toISOString(),
          speed: deps.world.clock.speed,
        });
      case 'GET calls':
        return send(res, 200, {
          total: deps.callLog.total(),
          counts: deps.callLog.counts(),
          ...(url.searchParams.get('entries') === 'true'
            ? { entries: deps.callLog.entries() }
            : {}),
        });
      case 'POST calls/reset':
        deps.callLog.reset();
        return send(res, 200, { total: 0 });
      case 'GET faults':
        return send(res, 200, deps.faults.get());
      case 'PUT faults':
        deps.faults.replace(parseBody(body) as FaultConfig);
        return send(res, 200, deps.faults.get());
      case 'POST clock/advance': {
        const { ms } = parseBody(body) as { ms?: unknown };
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
          return send(res, 400, {
            error: 'body must be { "ms": <non-negative number> }',
          });
        }
        // In steps, so lifecycles see the moments in between (a task that
        // starts, then the traffic shift it allows), at most ~1000 ticks.
        advanceSandbox(deps.world, ms, Math.max(5_000, ms / 1_000));
        return send(res, 200, { now: deps.world.clock.now().toISOString() });
      }
      default:
        return send(res, 404, { error: `No sandbox control route ${route}` });
    }
  } catch (error) {
    return send(res, 400, { error: String((error as Error).message) });
  }
}

function parseBody(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new TypeError('body is not valid JSON');
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}
