import { InputError, isError } from '@backstage/errors';
import { spec } from '../schema/openapi';

/*
 * The router answers a request that does not match the spec with an
 * InputError carrying only express-openapi-validator's message (its
 * structured errors are dropped by @backstage/backend-openapi-utils), in
 * these shapes:
 *   request/query/limit must be <= 100
 *   request/body must have required property 'deploymentId'
 *   request/headers/idempotency-key must match pattern "..."
 *   Unknown query parameter 'foo'
 * They are rewritten in the suite's form, `Invalid request: <field>: <why>`.
 */
const AJV = /^request\/(params|query|headers|body)((?:\/[^\s/]+)*) (.+)$/s;
const REQUIRED = /^must have required property '([^']+)'/;
const QUERY = /^(Unknown|Empty value found for) query parameter '([^']+)'$/;

// Header names as the spec spells them; the validator reports them lowercased.
const HEADERS = new Map(
  Object.values(spec.components.parameters)
    .filter(p => p.in === 'header')
    .map(p => [p.name.toLowerCase(), p.name]),
);

function rewrite(message: string): string | undefined {
  const query = QUERY.exec(message);
  if (query) {
    const why =
      query[1] === 'Unknown'
        ? 'not a parameter of this endpoint'
        : 'must not be empty';
    return `${query[2]}: ${why}`;
  }
  const ajv = AJV.exec(message);
  if (!ajv) return undefined;
  const [, location, pointer, text] = ajv;
  const path = pointer.split('/').filter(Boolean);
  const required = REQUIRED.exec(text);
  if (required) path.push(required[1]);
  const why = required ? 'is required' : text;
  if (path.length === 0) return `${location}: ${why}`;
  const field =
    location === 'headers' ? HEADERS.get(path[0]) ?? path[0] : path.join('.');
  return `${field}: ${why}`;
}

/**
 * The InputError of a request the spec refused, with a message that names
 * the field as every other 400 of the API does; any other error unchanged.
 */
export function describeValidationFailure(error: unknown): unknown {
  if (!isError(error) || error.name !== 'InputError') return error;
  const message = rewrite(error.message);
  return message ? new InputError(`Invalid request: ${message}`) : error;
}
