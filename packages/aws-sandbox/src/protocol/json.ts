import { AwsError } from '../core/AwsError';
import type { ServiceDefinition } from '../core/types';
import type { DecodedCall, WireResponse } from './types';

/*
 * AWS JSON 1.1: `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a JSON
 * body; responses are JSON with timestamps as epoch seconds, errors carry
 * `__type` and the `x-amzn-errortype` header.
 */

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function decodeJson(
  target: string,
  body: string,
  services: ServiceDefinition[],
): DecodedCall {
  const dot = target.lastIndexOf('.');
  const prefix = dot >= 0 ? target.slice(0, dot) : target;
  const operation = dot >= 0 ? target.slice(dot + 1) : '';
  const definition = services.find(
    s => s.protocol === 'json1.1' && s.targetPrefix === prefix,
  );
  const call: DecodedCall = {
    protocol: 'json1.1',
    definition,
    operation,
    input: {},
  };
  const handler = definition?.operations[operation];
  if (!definition || !handler) {
    call.error = new AwsError(
      'UnknownOperationException',
      `Unknown operation ${target}`,
    );
    return call;
  }
  call.handler = handler;

  if (body.trim() === '') return call;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    call.error = new AwsError(
      'SerializationException',
      `Could not parse request body into json: ${(e as Error).message}`,
    );
    return call;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    call.error = new AwsError(
      'SerializationException',
      'Start of structure or map found where not expected',
    );
    return call;
  }
  call.input = parsed as Record<string, unknown>;
  return call;
}

export function encodeJsonResult(
  result: unknown,
  requestId: string,
): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(result ?? {}, jsonReplacer),
  };
}

export function encodeJsonError(
  error: AwsError,
  requestId: string,
): WireResponse {
  return {
    status: error.statusCode,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

// JSON 1.1 timestamps are epoch seconds. `this[key]` is the value before
// Date#toJSON turned it into a string.
function jsonReplacer(this: any, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) return raw.getTime() / 1000;
  return value;
}
