import { HttpAuthService } from '@backstage/backend-plugin-api';
import { RequestHandler } from 'express';

/**
 * Requires user or service credentials on every request, as Backstage's
 * default credentials barrier does. It runs inside the plugin's router (the
 * plugin lets every path past the barrier) so that a 401 is answered by the
 * plugin's error handler, in the same body as every other error.
 */
export function requireCredentials(httpAuth: HttpAuthService): RequestHandler {
  return (req, _res, next) => {
    httpAuth
      .credentials(req, { allow: ['user', 'service'] })
      .then(() => next(), next);
  };
}
