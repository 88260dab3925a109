import type { AnyZodObject, ZodTypeAny, z as zod } from 'zod/v3';
import { spec } from '../schema/openapi';

/** The zod the actions registry hands to a schema function. */
export type Zod = typeof zod;

/** The part of JSON Schema the spec's schemas use. */
export interface SpecSchema {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  description?: string;
  enum?: readonly string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: SpecSchema;
  properties?: Record<string, SpecSchema>;
  required?: readonly string[];
}

/** A node of the spec reached by a `#/...` pointer. */
export function specNode<T>(pointer: string): T {
  const node = pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((at, key) => at?.[key], spec);
  if (node === undefined) {
    throw new Error(`openapi.yaml has no ${pointer}`);
  }
  return node as T;
}

/** The node itself, or the one its `$ref` points to (followed to the end). */
export function resolved<T extends { $ref?: string }>(node: T): T {
  return node.$ref ? resolved(specNode<T>(node.$ref)) : node;
}

function stringSchema(z: Zod, node: SpecSchema): ZodTypeAny {
  if (node.enum) return z.enum(node.enum as [string, ...string[]]);
  let s = z.string();
  if (node.minLength !== undefined) s = s.min(node.minLength);
  if (node.maxLength !== undefined) s = s.max(node.maxLength);
  if (node.pattern) s = s.regex(new RegExp(node.pattern));
  return s;
}

function numberSchema(z: Zod, node: SpecSchema): ZodTypeAny {
  let n = node.type === 'integer' ? z.number().int() : z.number();
  if (node.minimum !== undefined) n = n.min(node.minimum);
  if (node.maximum !== undefined) n = n.max(node.maximum);
  return n;
}

/**
 * The schemas being built, by `$ref`: a schema that contains itself (a
 * pipeline execution's entry lists its deployments' entries) refers to
 * itself lazily.
 */
type Building = Map<string, { schema?: ZodTypeAny }>;

function objectOf(z: Zod, object: SpecSchema, building: Building) {
  const required = new Set(object.required ?? []);
  const shape = Object.fromEntries(
    Object.entries(object.properties ?? {}).map(([key, property]) => {
      const schema = build(z, property, building);
      return [key, required.has(key) ? schema : schema.optional()];
    }),
  );
  return z.object(shape);
}

function typed(z: Zod, schema: SpecSchema, building: Building): ZodTypeAny {
  switch (schema.type) {
    case 'string':
      return stringSchema(z, schema);
    case 'integer':
    case 'number':
      return numberSchema(z, schema);
    case 'boolean':
      return z.boolean();
    case 'array':
      return z.array(build(z, schema.items ?? {}, building));
    case 'object':
      return objectOf(z, schema, building);
    default:
      throw new Error(
        `openapi.yaml: no zod schema for type ${String(schema.type)}`,
      );
  }
}

function build(z: Zod, node: SpecSchema, building: Building): ZodTypeAny {
  const ref = node.$ref;
  const inProgress = ref ? building.get(ref) : undefined;
  if (inProgress) return z.lazy(() => inProgress.schema!);
  const target = { schema: undefined as ZodTypeAny | undefined };
  if (ref) building.set(ref, target);
  const schema = resolved(node);
  let result = typed(z, schema, building);
  // A description at the reference (a field's) beats the referenced schema's.
  const description = node.description ?? schema.description;
  if (description) result = result.describe(description);
  if (ref) building.delete(ref);
  target.schema = result;
  return result;
}

/**
 * The zod schema of a schema of `openapi.yaml`, so that what the actions
 * registry validates and shows its clients (as JSON Schema) is the HTTP
 * API's own contract, not a second copy of it. Objects drop properties the
 * spec does not declare, as its `additionalProperties: false` says.
 */
export function zodFromSpec(z: Zod, node: SpecSchema): ZodTypeAny {
  return build(z, node, new Map());
}

/** An object schema of the spec; properties not required are optional. */
export function objectSchema(z: Zod, node: SpecSchema): AnyZodObject {
  const schema = zodFromSpec(z, node);
  if (!(schema instanceof z.ZodObject)) {
    throw new Error(`openapi.yaml: ${node.$ref ?? 'schema'} is no object`);
  }
  return schema;
}
