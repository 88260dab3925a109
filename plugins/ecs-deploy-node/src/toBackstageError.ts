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
// that allows it (issue 5 turns these into 409 with the current state).
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
 * is wrapped in a `ForwardedError` (500) keeping the cause.
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
    return new ForwardedError(
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
  const awsMessage = `${name}: ${err.message}`;

  if (THROTTLING.has(name) || err.$retryable?.throttling || status === 429) {
    return new ServiceUnavailableError(
      describe(
        context,
        `AWS is throttling ${
          iamAction ?? 'requests'
        }; retry in a few seconds (${awsMessage})`,
      ),
      error,
    );
  }
  if (ACCESS_DENIED.has(name)) {
    return new NotAllowedError(
      describe(
        context,
        `The backend's AWS role is not allowed to perform ${
          iamAction ?? 'the AWS action'
        }${context.resource ? ` on ${context.resource}` : ''}; grant ${
          iamAction ?? 'it'
        } in its IAM policy (${awsMessage})`,
      ),
      error,
    );
  }
  if (CONFLICT.has(name)) {
    return new ConflictError(describe(context, awsMessage), error);
  }
  if (NOT_FOUND.test(name)) {
    return new NotFoundError(
      describe(
        context,
        `${
          context.resource ? `${context.resource} not found: ` : ''
        }${awsMessage}`,
      ),
      error,
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
    return new InputError(describe(context, awsMessage), error);
  }
  if (
    err.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    NETWORK.has(name) ||
    (code !== undefined && NETWORK.has(code)) ||
    name === 'CredentialsProviderError'
  ) {
    return new ServiceUnavailableError(
      describe(
        context,
        `AWS is unavailable${
          iamAction ? ` for ${iamAction}` : ''
        }; retry later (${awsMessage})`,
      ),
      error,
    );
  }
  return new ForwardedError(describe(context, 'AWS call failed'), error);
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
