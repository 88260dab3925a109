import { AwsError } from '../core/AwsError';
import type { ServiceDefinition } from '../core/types';
import type { DecodedCall, WireResponse } from './types';

/*
 * The AWS Query protocol (ELBv2): a form-encoded body with `Action` and
 * `Version`, nested members flattened as `Tags.member.1.Key`; responses are
 * `<ActionResponse><ActionResult>..</ActionResult><ResponseMetadata>` XML with
 * lists as `<member>` and timestamps as ISO 8601.
 */

const CONTENT_TYPE = 'text/xml';

export function decodeQuery(
  body: string,
  services: ServiceDefinition[],
): DecodedCall {
  const params = new URLSearchParams(body);
  const action = params.get('Action') ?? '';
  const version = params.get('Version') ?? undefined;
  const candidates = services.filter(s => s.protocol === 'query');
  const definition =
    candidates.find(
      s => s.apiVersion === version && s.operations[action] !== undefined,
    ) ?? candidates.find(s => s.operations[action] !== undefined);
  const call: DecodedCall = {
    protocol: 'query',
    definition: definition ?? candidates[0],
    operation: action,
    input: {},
  };
  if (!definition) {
    call.error = new AwsError(
      'InvalidAction',
      `Could not find operation ${action || '(none)'} for version ${
        version ?? '(none)'
      }`,
    );
    return call;
  }
  call.handler = definition.operations[action];
  params.delete('Action');
  params.delete('Version');
  call.input = unflattenQuery(params);
  return call;
}

/**
 * `A.member.1.B=x&A.member.2.B=y&C=z` -> `{ A: [{ B: 'x' }, { B: 'y' }], C: 'z' }`.
 * Values stay strings; handlers coerce numbers and booleans they expect.
 */
function unflattenQuery(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const parts = key.split('.');
    let node: any = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if (part === 'member' && i + 1 < parts.length) {
        // `member.N` indexes the list that `node` already is.
        const index = Number(parts[i + 1]) - 1;
        i++;
        if (i === parts.length - 1) {
          node[index] = value;
        } else {
          node[index] = node[index] ?? {};
          node = node[index];
        }
        continue;
      }
      if (last) {
        node[part] = value;
      } else {
        const listNext = parts[i + 1] === 'member';
        if (node[part] === undefined || typeof node[part] !== 'object') {
          node[part] = listNext ? [] : {};
        }
        node = node[part];
      }
    }
  }
  return compactLists(root) as Record<string, unknown>;
}

// Out-of-order or sparse `member.N` indexes leave holes; AWS ignores them.
function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter(v => v !== undefined).map(compactLists);
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = compactLists(v);
    return out;
  }
  return value;
}

export function encodeQueryResult(
  definition: ServiceDefinition,
  operation: string,
  result: unknown,
  requestId: string,
): WireResponse {
  const ns = definition.xmlNamespace
    ? ` xmlns="${definition.xmlNamespace}"`
    : '';
  const inner = result === undefined ? '' : toXml(result);
  const body =
    `<${operation}Response${ns}>` +
    `<${operation}Result>${inner}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`;
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body,
  };
}

export function encodeQueryError(
  definition: ServiceDefinition | undefined,
  error: AwsError,
  requestId: string,
): WireResponse {
  const ns = definition?.xmlNamespace
    ? ` xmlns="${definition.xmlNamespace}"`
    : '';
  const type = error.statusCode >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse${ns}><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return {
    status: error.statusCode,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body,
  };
}

/** Serialises a result structure: keys become elements, arrays `<member>` lists. */
function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return value.map(v => `<member>${toXml(v)}</member>`).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
