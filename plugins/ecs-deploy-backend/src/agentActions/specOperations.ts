import type { AnyZodObject, ZodTypeAny } from 'zod/v3';
import { spec } from '../schema/openapi';
import {
  SpecSchema,
  Zod,
  objectSchema,
  resolved,
  specNode,
  zodFromSpec,
} from './specSchema';

type Ref = { $ref?: string };
type Parameter = Ref & {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: SpecSchema;
};
type Content = Ref & {
  content?: { 'application/json'?: { schema: SpecSchema } };
};

/** An operation of `openapi.yaml`, as far as the actions registry uses it. */
export interface SpecOperation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: Content;
  responses: Record<string, Content>;
}

const ENTITY_PATH = '/entities/{kind}/{namespace}/{name}';
const ENTITY_PARAMETERS = ['kind', 'namespace', 'name'];

/** The operation at a path under the entity, e.g. `GET /traffic`. */
export function entityOperation(
  method: 'get' | 'post',
  path: string,
): SpecOperation {
  const item = (spec.paths as Record<string, any>)[`${ENTITY_PATH}${path}`];
  const operation = item?.[method];
  if (!operation) {
    throw new Error(`openapi.yaml has no ${method} ${ENTITY_PATH}${path}`);
  }
  return operation as SpecOperation;
}

/** `GetPromotionPreview` as a title: `Get promotion preview`. */
export function operationTitle(operation: SpecOperation): string {
  const words = operation.operationId
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLocaleLowerCase('en-US');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

/** What the spec says the operation does, in sentences. */
export function operationDescription(operation: SpecOperation): string {
  return [operation.summary, operation.description]
    .filter(Boolean)
    .map(text => text!.replace(/\.?$/, '.'))
    .join(' ');
}

/** The parameters of an operation found in `where`, the entity's own left out. */
function parameters(operation: SpecOperation, where: Parameter['in']) {
  return (operation.parameters ?? [])
    .map(p => resolved(p))
    .filter(p => p.in === where && !ENTITY_PARAMETERS.includes(p.name));
}

function field(z: Zod, parameter: Parameter): [string, ZodTypeAny] {
  const schema = zodFromSpec(z, parameter.schema);
  const described = parameter.description
    ? schema.describe(parameter.description)
    : schema;
  return [
    parameter.name,
    parameter.required ? described : described.optional(),
  ];
}

/**
 * The fields an operation takes besides the entity: its path and query
 * parameters, and the properties of its JSON body.
 */
export function operationFields(
  z: Zod,
  operation: SpecOperation,
): Record<string, ZodTypeAny> {
  const body = operation.requestBody
    ? resolved(operation.requestBody).content?.['application/json']?.schema
    : undefined;
  return {
    ...Object.fromEntries(
      [...parameters(operation, 'path'), ...parameters(operation, 'query')].map(
        p => field(z, p),
      ),
    ),
    ...(body ? objectSchema(z, body).shape : {}),
  };
}

/** A header parameter's value schema (e.g. `Idempotency-Key`). */
export function headerSchema(
  z: Zod,
  operation: SpecOperation,
  name: string,
): ZodTypeAny {
  const header = parameters(operation, 'header').find(p => p.name === name);
  if (!header) {
    throw new Error(`openapi.yaml: ${operation.operationId} has no ${name}`);
  }
  return zodFromSpec(z, header.schema);
}

/** The operation's answer: the schema of its 200 response. */
export function operationOutput(
  z: Zod,
  operation: SpecOperation,
): AnyZodObject {
  const ok = resolved(operation.responses['200']);
  const schema = ok.content?.['application/json']?.schema;
  if (!schema) {
    throw new Error(`openapi.yaml: ${operation.operationId} answers no JSON`);
  }
  return objectSchema(z, schema);
}

/** The schema of an entity path parameter (`kind`, `namespace`, `name`). */
export function entityParameterSchema(name: string): SpecSchema {
  return resolved(
    specNode<Parameter>(`#/components/parameters/${name}`).schema,
  );
}
