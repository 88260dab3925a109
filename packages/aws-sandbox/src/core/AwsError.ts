/**
 * An error in AWS's own shape. The protocol layer renders it as
 * `{"__type": code, "message": ...}` (JSON 1.1) or an XML `ErrorResponse` (Query),
 * so the SDK raises its real exception class for `code`.
 *
 * @public
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number = 400,
  ) {
    super(message);
    this.name = code;
  }
}
