import type { AwsError } from '../core/AwsError';
import type { OperationHandler, ServiceDefinition } from '../core/types';

/** A response ready to write to the socket. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request after protocol decoding: which service and operation it names and
 * its input, or the AWS error that decoding produced (rendered in the caller's
 * protocol so the SDK can read it).
 */
export interface DecodedCall {
  protocol: 'json1.1' | 'query';
  definition?: ServiceDefinition;
  operation: string;
  handler?: OperationHandler;
  input: Record<string, unknown>;
  error?: AwsError;
}
