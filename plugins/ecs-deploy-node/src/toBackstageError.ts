import {
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import { withErrorCode } from './errorCode';
import { IAM_ACTION_PROPERTY } from './iamAction';
import { redactAwsText } from './redactAwsText';

/**
 * What the caller was doing, for the error message.
 *
 * @public
 */
export interface AwsErrorContext {
  /** E.g. `reading deployments of component:default/payments-api (prod)`. */
  operation?: string;
  /** IAM action, when the SDK middleware could not record it. */
  iamAction?: string;
  /** The AWS resource involved (an ARN or name), for the message. */
  resource?: string;
}

const NOT_FOUND = /NotFound|DoesNotExist|^NoSuch/;
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorRequestNotCompleteException',
]);
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'NotAuthorized',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'BlockedByOrganizationPolicyException',
]);
// State conflicts: the request was valid but the resource is not in a state
// that allows it.
const CONFLICT = new Set([
  'ConflictException',
  'ConcurrentModificationException',
  'DeploymentAlreadyCompletedException',
  'DeploymentIsNotInReadyStateException',
  'DeploymentLimitExceededException',
  'DeploymentNotStartedException',
  'DuplicatedStopRequestException',
  'LifecycleEventAlreadyCompletedException',
  'ApprovalAlreadyCompletedException',
  'InvalidApprovalTokenException',
  'ImageAlreadyExistsException',
  'ImageTagAlreadyExistsException',
  'PipelineExecutionNotStoppableException',
  'PipelineExecutionOutdatedException',
  'NotLatestPipelineExecutionException',
  'ConcurrentPipelineExecutionsLimitExceededException',
  'StageNotRetryableException',
  'UnableToRollbackStageException',
  'ServiceNotActiveException',
  'UpdateInProgressException',
  'ResourceInUseException',
  'InvalidDeploymentStatusException',
]);
const NETWORK = new Set([
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

interface SdkErrorShape {
  name: string;
  message: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/**
 * Maps an error thrown by an AWS SDK v3 client to a `@backstage/errors`
 * error, so the backend's error handler answers with the right status:
 * not found → 404, access denied → 403 naming the IAM action, throttling and
 * AWS outages → 503 with a retry hint, invalid input → 400, state conflicts →
 * 409. Errors that already are Backstage errors pass through; anything else
 * is wrapped in a `ForwardedError` (500). The mapped error keeps the SDK
 * error as its `cause` (for the log); its message is ours plus AWS's text
 * with principals and account ids redacted (`redactAwsText`).
 *
 * @public
 */
export function toBackstageError(
  error: unknown,
  context: AwsErrorContext = {},
): Error {
  const mapped = mapAwsError(error, context);
  if (mapped === error) return mapped;
  const sdk = error as Partial<SdkErrorShape> | undefined;
  // The AWS exception name (or the network error's code) travels with the
  // mapped error, so callers can tell a throttle from a dropped connection.
  const code = sdk?.name && sdk.name !== 'Error' ? sdk.name : sdk?.code;
  return code ? withErrorCode(mapped, code) : mapped;
}

function mapAwsError(error: unknown, context: AwsErrorContext): Error {
  if (!isError(error)) {
    return keepingCause(
      ForwardedError,
      describe(context, 'AWS call failed'),
      new Error(String(error)),
    );
  }
  const err = error as unknown as SdkErrorShape & Record<string, unknown>;
  if (isBackstageError(err.name)) return error as Error;

  const name = err.name;
  const code = err.code;
  const iamAction =
    (err[IAM_ACTION_PROPERTY] as string | undefined) ?? context.iamAction;
  const status = err.$metadata?.httpStatusCode;
  const awsText = err.message ? `${name}: ${redactAwsText(err.message)}` : name;
  const as = (
    ErrorClass: new (message: string, cause?: Error) => Error,
    message: string,
  ) => keepingCause(ErrorClass, describe(context, message), error);

  if (THROTTLING.has(name) || err.$retryable?.throttling || status === 429) {
    return as(
      ServiceUnavailableError,
      `AWS is throttling ${
        iamAction ?? 'requests'
      }; retry in a few seconds (${awsText})`,
    );
  }
  if (ACCESS_DENIED.has(name)) {
    return as(
      NotAllowedError,
      `The backend's AWS role is not allowed to perform ${
        iamAction ?? 'the AWS action'
      }${context.resource ? ` on ${context.resource}` : ''}; grant ${
        iamAction ?? 'it'
      } in its IAM policy (${awsText})`,
    );
  }
  if (CONFLICT.has(name)) {
    return as(ConflictError, awsText);
  }
  if (NOT_FOUND.test(name)) {
    return as(
      NotFoundError,
      `${context.resource ? `${context.resource} not found: ` : ''}${awsText}`,
    );
  }
  if (
    name === 'ValidationException' ||
    name === 'ValidationError' ||
    name === 'InvalidParameterException' ||
    name === 'InvalidParameterValueException' ||
    name === 'ClientException' ||
    name.startsWith('Invalid') ||
    /RequiredException$/.test(name)
  ) {
    return as(InputError, awsText);
  }
  const network =
    NETWORK.has(name) || (code !== undefined && NETWORK.has(code));
  if (
    network ||
    err.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    name === 'CredentialsProviderError'
  ) {
    // A network error's text names the endpoint, and a credentials error's
    // the providers tried: only its name or code says what happened.
    const what =
      network || name === 'CredentialsProviderError'
        ? (network && code) || name
        : awsText;
    return as(
      ServiceUnavailableError,
      `AWS is unavailable${
        iamAction ? ` for ${iamAction}` : ''
      }; retry later (${what})`,
    );
  }
  return as(ForwardedError, `AWS call failed (${name})`);
}

/**
 * Builds the mapped error with AWS's error as its cause, for the log, but
 * without the cause's raw text, which `@backstage/errors` appends to the
 * message ("; caused by …") and which names the backend's role and accounts.
 */
function keepingCause(
  ErrorClass: new (message: string, cause?: Error) => Error,
  message: string,
  cause: Error,
): Error {
  const mapped = new ErrorClass(message, cause);
  mapped.message = message;
  return mapped;
}

function describe(context: AwsErrorContext, message: string): string {
  return context.operation
    ? `Failed ${context.operation}: ${message}`
    : message;
}

const BACKSTAGE_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'ForwardedError',
]);

function isBackstageError(name: string): boolean {
  return BACKSTAGE_ERRORS.has(name);
}
