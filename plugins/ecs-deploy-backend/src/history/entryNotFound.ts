import { NotFoundError } from '@backstage/errors';

/** A history id the client sent that is not an entry of the environment. */
export function entryNotFound(id: string, environment: string): NotFoundError {
  return new NotFoundError(
    `Deployment ${id} is not a deployment of environment ${environment} of this entity`,
  );
}
