import type { IncomingMessage, ServerResponse } from 'node:http';
import { advanceWorld } from '../core/advance';
import { headerValue } from '../protocol';
import type { SandboxWorld } from '../world';
import type { CallLog } from './CallLog';
import { bearerTokenMatches } from './controlToken';
import type { FaultConfig, FaultInjector } from './FaultInjector';

/** Prefix of the sandbox's own HTTP API, for users outside the process. */
export const CONTROL_PREFIX = '/_sandbox/';

interface ControlDeps {
  world: SandboxWorld;
  callLog: CallLog;
  faults: FaultInjector;
  token: string;
}

/** A refused control request: its HTTP status and what to tell the caller. */
class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * `GET  /_sandbox/health`         -> `{ status, now, speed }`
 * `GET  /_sandbox/calls`          -> `{ total, counts }` (`?entries=true` adds the latest calls)
 * `POST /_sandbox/calls/reset`
 * `GET  /_sandbox/faults`         -> the fault rules
 * `PUT  /_sandbox/faults`         <- rules to replace them (`{}` clears)
 * `POST /_sandbox/clock/advance`  <- `{ "ms": 60000 }` (ticks the world in steps)
 *
 * Every request carries `Authorization: Bearer <token>`; a body is
 * `application/json`. Web pages cannot send either without a CORS preflight,
 * which the sandbox never answers, so a page the developer visits cannot
 * move the clock or change the faults.
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
    if (
      !bearerTokenMatches(headerValue(req.headers, 'authorization'), deps.token)
    ) {
      res.setHeader('www-authenticate', 'Bearer realm="aws-sandbox"');
      throw new ControlError(
        401,
        'Missing or wrong control token: send Authorization: Bearer <token> (the sandbox prints it at start; in-process it is RunningSandbox.controlToken)',
      );
    }
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
        jsonBody(req, body);
        deps.callLog.reset();
        return send(res, 200, { total: 0 });
      case 'GET faults':
        return send(res, 200, deps.faults.get());
      case 'PUT faults':
        deps.faults.replace(jsonBody(req, body) as FaultConfig);
        return send(res, 200, deps.faults.get());
      case 'POST clock/advance': {
        const { ms } = jsonBody(req, body) as { ms?: unknown };
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
          throw new ControlError(
            400,
            'body must be { "ms": <non-negative number> }',
          );
        }
        // At most ~1000 ticks, however long the span.
        advanceWorld(deps.world, ms, Math.max(5_000, ms / 1_000));
        return send(res, 200, { now: deps.world.clock.now().toISOString() });
      }
      default:
        throw new ControlError(404, `No sandbox control route ${route}`);
    }
  } catch (error) {
    return send(res, error instanceof ControlError ? error.status : 400, {
      error: String((error as Error).message),
    });
  }
}

/**
 * The request's JSON object body (`{}` when there is none). A body in any
 * other media type is refused, so an HTML form or a `no-cors` fetch cannot
 * pass for a control request.
 */
function jsonBody(req: IncomingMessage, body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const mediaType = (headerValue(req.headers, 'content-type') ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ControlError(
      415,
      `Content-Type must be application/json, not ${mediaType || '(none)'}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ControlError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControlError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}
