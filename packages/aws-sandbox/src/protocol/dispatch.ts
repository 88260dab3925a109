import { AwsError } from '../core/AwsError';
import type { RequestContext, ServiceDefinition } from '../core/types';
import { decodeJson, encodeJsonError, encodeJsonResult } from './json';
import { decodeQuery, encodeQueryError, encodeQueryResult } from './query';
import { headerValue } from './requestInfo';
import type { DecodedCall, WireResponse } from './types';

/** Decodes an AWS request in whichever protocol it speaks. */
export function decodeRequest(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  services: ServiceDefinition[],
): DecodedCall {
  const target = headerValue(headers, 'x-amz-target');
  if (target) return decodeJson(target, body, services);
  const contentType = headerValue(headers, 'content-type') ?? '';
  if (
    contentType.startsWith('application/x-www-form-urlencoded') ||
    /(^|&)Action=/.test(body)
  ) {
    return decodeQuery(body, services);
  }
  return {
    protocol: 'json1.1',
    operation: '',
    input: {},
    error: new AwsError(
      'UnknownOperationException',
      'Missing X-Amz-Target header or Action parameter',
    ),
  };
}

/** Runs a decoded call's handler and encodes its result or error. */
export async function executeCall(
  call: DecodedCall,
  ctx: RequestContext & { requestId: string },
  onUnexpected: (error: unknown) => void,
): Promise<WireResponse> {
  if (call.error || !call.handler) {
    return encodeError(
      call,
      call.error ?? new AwsError('UnknownOperationException', 'Unknown'),
      ctx.requestId,
    );
  }
  try {
    const result = await call.handler(call.input, ctx);
    if (call.protocol === 'query' && call.definition) {
      return encodeQueryResult(
        call.definition,
        call.operation,
        result,
        ctx.requestId,
      );
    }
    return encodeJsonResult(result, ctx.requestId);
  } catch (error) {
    if (error instanceof AwsError) {
      return encodeError(call, error, ctx.requestId);
    }
    onUnexpected(error);
    // A handler tripping over input of the wrong shape is bad input, not an
    // outage: answer with the service's validation error, as AWS would.
    if (error instanceof TypeError && call.definition?.validationErrorCode) {
      return encodeError(
        call,
        new AwsError(
          call.definition.validationErrorCode,
          `Invalid request for ${call.operation}: ${error.message}`,
        ),
        ctx.requestId,
      );
    }
    return encodeError(
      call,
      new AwsError(
        'InternalFailure',
        `The sandbox failed to process ${call.operation}: ${String(
          (error as Error)?.message ?? error,
        )}`,
        500,
      ),
      ctx.requestId,
    );
  }
}

export function encodeError(
  call: Pick<DecodedCall, 'protocol' | 'definition'>,
  error: AwsError,
  requestId: string,
): WireResponse {
  return call.protocol === 'query'
    ? encodeQueryError(call.definition, error, requestId)
    : encodeJsonError(error, requestId);
}
