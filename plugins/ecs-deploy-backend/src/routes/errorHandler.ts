import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, isError, serializeError } from '@backstage/errors';
import { publicError } from '@ecs-deploy/plugin-ecs-deploy-node';
import { ErrorRequestHandler, RequestHandler } from 'express';
import { bodyParserError } from './bodyParserErrors';
import { requestIdOf } from './requestId';
import { describeValidationFailure } from './validationFailure';

/** Any path under the plugin that no route answers. */
export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => {
    next(new NotFoundError('No such endpoint in the ECS Deploy API'));
  };
}

/**
 * Answers every error of the plugin's router as
 * `{ error: { name, message, code }, requestId, response: { statusCode } }`
 * and nothing else, in every environment: no stack, no cause, no AWS
 * metadata (`response.statusCode` is what `ResponseError.fromResponse`
 * reads). An unexpected error (not a `@backstage/errors` kind) is a 500 whose
 * message only points to the log. The full error, with its cause, is logged
 * with the request id.
 */
export function errorHandler(options: {
  logger: LoggerService;
}): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const requestId = requestIdOf(res);
    const answer =
      bodyParserError(error) ??
      publicError(
        describeValidationFailure(error),
        `The request failed unexpectedly; see the backend's log for request ${requestId}`,
      );
    const log = answer.statusCode >= 500 ? 'error' : 'info';
    options.logger[log](
      `Request ${requestId} (${req.method} ${req.originalUrl}) failed with ${answer.statusCode} ${answer.code}`,
      {
        requestId,
        error: isError(error)
          ? serializeError(error, { includeStack: true })
          : String(error),
      },
    );
    res.status(answer.statusCode).json({
      error: { name: answer.name, message: answer.message, code: answer.code },
      requestId,
      response: { statusCode: answer.statusCode },
    });
  };
}
