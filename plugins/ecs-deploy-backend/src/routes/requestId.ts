import { randomUUID } from 'node:crypto';
import { RequestHandler, Response } from 'express';

const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Gives every request an id of its own (never the caller's), answered in
 * the `X-Request-Id` header and in error bodies, and logged with the error,
 * so that a user's report leads to the log entry.
 */
export function assignRequestId(): RequestHandler {
  return (_req, res, next) => {
    const id = randomUUID();
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/** The id `assignRequestId` gave the request, or a new one. */
export function requestIdOf(res: Response): string {
  if (typeof res.locals.requestId !== 'string') {
    res.locals.requestId = randomUUID();
    if (!res.headersSent) {
      res.setHeader(REQUEST_ID_HEADER, res.locals.requestId);
    }
  }
  return res.locals.requestId;
}
