import {
  AccessDeniedException,
  ClusterNotFoundException,
  InvalidParameterException,
  ServerException,
  ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import {
  DeploymentIsNotInReadyStateException,
  ThrottlingException,
} from '@aws-sdk/client-codedeploy';
import { NotFoundError } from '@backstage/errors';
import { errorCodeOf } from './errorCode';
import { toBackstageError } from './toBackstageError';

const meta = { $metadata: {} };

describe('toBackstageError', () => {
  it('maps not-found exceptions to NotFoundError', () => {
    const err = toBackstageError(
      new ServiceNotFoundException({ message: 'Service not found.', ...meta }),
      { resource: 'arn:aws:ecs:eu-west-1:1:service/c/s' },
    );
    expect(err.name).toBe('NotFoundError');
    expect(err.message).toContain('arn:aws:ecs:eu-west-1:1:service/c/s');
    expect(
      toBackstageError(new ClusterNotFoundException({ message: 'x', ...meta }))
        .name,
    ).toBe('NotFoundError');
  });

  it('names the IAM action on access denied', () => {
    const err = toBackstageError(
      new AccessDeniedException({ message: 'denied', ...meta }),
      { iamAction: 'ecs:DescribeServices' },
    );
    expect(err.name).toBe('NotAllowedError');
    expect(err.message).toContain('ecs:DescribeServices');
  });

  it("keeps AWS's reason but not the role or the accounts it names, and keeps the SDK error as the cause", () => {
    const denied = new AccessDeniedException({
      message:
        'User: arn:aws:sts::123456789012:assumed-role/backstage-ecs-deploy/i-0abc is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:eu-west-1:210987654321:service/storefront-prod/payments-api',
      ...meta,
    });
    const err = toBackstageError(denied, {
      operation: 'continuing the deployment',
      iamAction: 'ecs:UpdateService',
      resource: 'arn:aws:ecs:eu-west-1:111111111111:service/c/payments-api',
    });
    expect(err.message).toBe(
      "Failed continuing the deployment: The backend's AWS role is not allowed to perform ecs:UpdateService on arn:aws:ecs:eu-west-1:111111111111:service/c/payments-api; grant ecs:UpdateService in its IAM policy (AccessDeniedException: User: <principal> is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:eu-west-1:<account>:service/storefront-prod/payments-api)",
    );
    expect(err.message).not.toMatch(
      /backstage-ecs-deploy|123456789012|210987654321|caused by/,
    );
    expect((err as Error & { cause?: unknown }).cause).toBe(denied);
    expect(errorCodeOf(err)).toBe('AccessDeniedException');
  });

  it('names only the code of a network error, not the endpoint', () => {
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 10.1.2.3:443'),
      { code: 'ECONNREFUSED' },
    );
    const err = toBackstageError(refused, {
      iamAction: 'ecs:DescribeServices',
    });
    expect(err.name).toBe('ServiceUnavailableError');
    expect(err.message).toBe(
      'AWS is unavailable for ecs:DescribeServices; retry later (ECONNREFUSED)',
    );
  });

  it('maps throttling and server faults to ServiceUnavailableError with a retry hint', () => {
    const throttled = toBackstageError(
      new ThrottlingException({ message: 'Rate exceeded', ...meta }),
    );
    expect(throttled.name).toBe('ServiceUnavailableError');
    expect(throttled.message).toMatch(/retry/);
    expect(
      toBackstageError(new ServerException({ message: 'boom', ...meta })).name,
    ).toBe('ServiceUnavailableError');
  });

  it('maps bad input and state conflicts', () => {
    expect(
      toBackstageError(
        new InvalidParameterException({ message: 'bad', ...meta }),
      ).name,
    ).toBe('InputError');
    expect(
      toBackstageError(
        new DeploymentIsNotInReadyStateException({ message: 'no', ...meta }),
      ).name,
    ).toBe('ConflictError');
  });

  it('passes Backstage errors through and wraps unknown errors', () => {
    const notFound = new NotFoundError('gone');
    expect(toBackstageError(notFound)).toBe(notFound);
    const cause = new Error('weird');
    const wrapped = toBackstageError(cause, {
      operation: 'reading history',
    });
    // ForwardedError keeps the cause's name, so it stays an (unexpected) 500.
    expect((wrapped as Error & { cause?: unknown }).cause).toBe(cause);
    expect(wrapped.message).toBe(
      'Failed reading history: AWS call failed (Error)',
    );
  });
});
