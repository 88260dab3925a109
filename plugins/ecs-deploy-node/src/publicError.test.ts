import {
  AuthenticationError,
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { withErrorCode } from './errorCode';
import { publicError } from './publicError';

const UNEXPECTED = 'The request failed unexpectedly';

describe('publicError', () => {
  it.each([
    [new InputError('bad'), 400, 'InvalidInput'],
    [new AuthenticationError('who'), 401, 'Unauthenticated'],
    [new NotAllowedError('no'), 403, 'NotAllowed'],
    [new NotFoundError('gone'), 404, 'NotFound'],
    [new ConflictError('moved on'), 409, 'Conflict'],
    [new NotImplementedError('later'), 501, 'NotImplemented'],
    [new ServiceUnavailableError('retry'), 503, 'ServiceUnavailable'],
  ])('answers %p with %d and code %s', (error, statusCode, code) => {
    expect(publicError(error, UNEXPECTED)).toEqual({
      name: error.name,
      message: error.message,
      code,
      statusCode,
    });
  });

  it('answers the code the error carries', () => {
    expect(
      publicError(
        withErrorCode(new ConflictError('busy'), 'ActionInProgress'),
        UNEXPECTED,
      ).code,
    ).toBe('ActionInProgress');
  });

  it('leaves out the text of the cause', () => {
    const cause = new Error('User: arn:aws:sts::123456789012:assumed-role/x');
    expect(
      publicError(new NotAllowedError('Not allowed', cause), UNEXPECTED),
    ).toMatchObject({ message: 'Not allowed' });
    expect(
      publicError(new NotFoundError(undefined, cause), UNEXPECTED).message,
    ).toBe('NotFoundError');
  });

  it('answers anything else as an internal error without its text', () => {
    for (const error of [
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      new ForwardedError('AWS call failed', new Error('secret')),
      withErrorCode(new Error('boom'), 'SomethingException'),
      'a string',
      undefined,
    ]) {
      expect(publicError(error, UNEXPECTED)).toEqual({
        name: 'Error',
        message: UNEXPECTED,
        code: 'Internal',
        statusCode: 500,
      });
    }
  });
});
