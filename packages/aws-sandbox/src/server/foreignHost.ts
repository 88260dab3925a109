import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../core/AwsError';
import type { ServiceDefinition } from '../core/types';
import { decodeRequest, encodeError } from '../protocol';

/*
 * The sandbox answers only requests addressed to the loopback interface:
 * `127.0.0.1`, `localhost` or `[::1]`, with or without a port. A web page
 * whose DNS name is rebound to 127.0.0.1 still sends that name as its Host,
 * so checking the header keeps such pages from reaching the sandbox.
 */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

/**
 * Answers 403: in JSON for the control API, in the caller's AWS protocol
 * otherwise, so an SDK client raises an exception naming the cause.
 */
export function refuseForeignHost(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  options: { controlPrefix: string; definitions: ServiceDefinition[] },
): void {
  const message = `Host '${
    req.headers.host ?? ''
  }' refused: the sandbox answers only requests addressed to 127.0.0.1, localhost or [::1]`;
  if (req.url?.startsWith(options.controlPrefix)) {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: message }));
    return;
  }
  const call = decodeRequest(req.headers, body, options.definitions);
  const response = encodeError(
    call,
    new AwsError(
      call.protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException',
      message,
      403,
    ),
    randomUUID(),
  );
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  });
  res.end(response.body);
}
