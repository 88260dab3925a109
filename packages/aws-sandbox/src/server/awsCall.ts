import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../core/AwsError';
import type { ServiceDefinition } from '../core/types';
import {
  callerInfo,
  decodeRequest,
  encodeError,
  executeCall,
  type WireResponse,
} from '../protocol';
import type { SandboxWorld } from '../world';
import type { CallLog, CallLogEntry } from './CallLog';
import type { FaultInjector } from './FaultInjector';

interface AwsCallDeps {
  world: SandboxWorld;
  definitions: ServiceDefinition[];
  callLog: CallLog;
  faults: FaultInjector;
  onUnexpected: (call: string, error: unknown) => void;
}

/**
 * Serves one AWS request: decodes it, applies the fault rule of its
 * operation, runs it, records it in the call log and answers in its protocol.
 */
export function createAwsCallHandler(deps: AwsCallDeps) {
  const { world, definitions, callLog, faults } = deps;

  return async function handleAwsCall(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
  ): Promise<void> {
    world.tick();
    const requestId = randomUUID();
    const call = decodeRequest(req.headers, body, definitions);
    const caller = callerInfo(req.headers, world.defaults);
    const service = call.definition?.name ?? 'unknown';
    const operation = call.operation || 'Unknown';
    const decision = faults.decide(service, operation);
    const record = (status: number, extra?: Pick<CallLogEntry, 'applied'>) =>
      callLog.record({
        key: `${service}:${operation}`,
        service,
        operation,
        status,
        ...extra,
        at: new Date().toISOString(),
        ...caller,
      });
    const run = () =>
      executeCall(call, { ...caller, world, requestId }, error =>
        deps.onUnexpected(`${service}:${operation}`, error),
      );

    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.kind === 'drop' || decision.kind === 'dropResponse') {
      const applied = decision.kind === 'dropResponse';
      if (applied) await run();
      record(0, { applied });
      req.socket.destroy();
      return;
    }

    let response: WireResponse;
    if (decision.kind === 'throttle') {
      response = encodeError(
        call,
        new AwsError(
          call.protocol === 'query' ? 'Throttling' : 'ThrottlingException',
          decision.message,
          400,
        ),
        requestId,
      );
    } else if (decision.kind === 'error') {
      response = encodeError(
        call,
        new AwsError(decision.code, decision.message, decision.status),
        requestId,
      );
    } else {
      response = await run();
    }
    record(response.status);
    res.writeHead(response.status, {
      ...response.headers,
      // AWS's clock, as AWS sends it: clients time countdowns from it and
      // it is the clock the answers' timestamps come from.
      date: world.clock.now().toUTCString(),
      'content-length': Buffer.byteLength(response.body),
    });
    res.end(response.body);
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
