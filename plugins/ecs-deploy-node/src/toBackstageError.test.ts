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
    expect(wrapped.message).toContain('reading history');
  });
});
