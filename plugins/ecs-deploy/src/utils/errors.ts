import {
  EnvironmentError,
  isResourceNotFound,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ResponseError } from '@backstage/errors';

/**
 * The message to show a person for a failed request. The backend explains
 * itself in the JSON error body ("the deployment is no longer waiting",
 * "ecr:PutImage is not allowed"); that sentence beats the generic
 * "Request failed with 409 Conflict".
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message || error.message;
  }
  // Duck-typed: errors from another realm (an iframe, a test DOM) fail
  // `instanceof Error` but still carry their message.
  if (
    error &&
    typeof error === 'object' &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** The HTTP status of a failed request, when it came from the backend. */
export function errorStatus(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** The backend's `error.code` of a failed request (`ResourceNotFound`, ...). */
export function errorCode(error: unknown): string | undefined {
  return ResponseError.is(error) ? error.body?.error?.code : undefined;
}

/**
 * What an environment's error says, without the environment's name. A
 * missing resource is not "just now": it stays missing until someone fixes
 * the annotation or creates it.
 */
export function environmentErrorText(error: EnvironmentError): string {
  return isResourceNotFound(error)
    ? error.message
    : `Could not be read just now: ${error.message}`;
}

/** How an environment the backend could not read is described to the user. */
export function unreadableMessage(
  environment: string,
  error: EnvironmentError,
): string {
  return isResourceNotFound(error)
    ? error.message
    : `${environment} could not be read just now: ${error.message}`;
}
