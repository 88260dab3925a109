import { mayHaveActed } from './actionAttempt';

/** An error as the SDK throws it, with the metadata its retry layer adds. */
function sdkError(
  name: string,
  metadata: { httpStatusCode?: number; attempts?: number },
  extra: Record<string, unknown> = {},
) {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { attempts: 1, ...metadata },
    ...extra,
  });
}

describe('mayHaveActed', () => {
  it('is open when AWS may have run the call without its answer arriving', () => {
    expect(
      mayHaveActed(sdkError('InternalFailure', { httpStatusCode: 500 })),
    ).toBe(true);
    expect(
      mayHaveActed(sdkError('ServiceUnavailable', { httpStatusCode: 503 })),
    ).toBe(true);
    expect(mayHaveActed(sdkError('Error', {}, { code: 'ECONNRESET' }))).toBe(
      true,
    );
    expect(mayHaveActed(sdkError('TimeoutError', {}))).toBe(true);
    // a Node socket error seen from another realm keeps only its text
    expect(
      mayHaveActed(
        sdkError(
          'Error',
          {},
          {
            message: 'AWS SDK error wrapper for TimeoutError: socket hang up',
          },
        ),
      ),
    ).toBe(true);
  });

  it('is open when the SDK retried: an earlier try may have been applied', () => {
    expect(
      mayHaveActed(
        sdkError('ThrottlingException', { httpStatusCode: 400, attempts: 3 }),
      ),
    ).toBe(true);
  });

  it('is closed when AWS refused, or the request never left', () => {
    expect(
      mayHaveActed(sdkError('ThrottlingException', { httpStatusCode: 400 })),
    ).toBe(false);
    expect(
      mayHaveActed(
        sdkError('DeploymentIsNotInReadyStateException', {
          httpStatusCode: 400,
        }),
      ),
    ).toBe(false);
    expect(mayHaveActed(sdkError('Error', {}, { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
    expect(mayHaveActed(sdkError('CredentialsProviderError', {}))).toBe(false);
  });
});
