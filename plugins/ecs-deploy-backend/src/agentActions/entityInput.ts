import { parseEntityRef } from '@backstage/catalog-model';
import type { ZodTypeAny } from 'zod/v3';
import { entityParameterSchema } from './specOperations';
import { Zod } from './specSchema';

// A spec pattern without its anchors, to compose into a larger one.
const inner = (name: string) =>
  (entityParameterSchema(name).pattern ?? '.+').replace(/^\^|\$$/g, '');

/**
 * An entity ref as the HTTP routes accept its parts: the kind, namespace
 * and name patterns of the spec's path parameters, the namespace optional.
 */
const ENTITY_REF_PATTERN = `^(?:${inner('kind')}):(?:(?:${inner(
  'namespace',
)})/)?(?:${inner('name')})$`;

const MAX_LENGTH = ['kind', 'namespace', 'name']
  .map(name => entityParameterSchema(name).maxLength ?? 63)
  .reduce((sum, length) => sum + length + 1, 0);

/** The `entityRef` input of every ECS Deploy action. */
export function entityRefField(z: Zod): ZodTypeAny {
  return z
    .string()
    .max(MAX_LENGTH)
    .regex(new RegExp(ENTITY_REF_PATTERN))
    .describe(
      'The catalog entity whose deployments to read or act on, as kind:namespace/name (e.g. component:default/payments-api; the namespace defaults to default). Actions reach AWS only through the entity: its annotations and tags name the resources.',
    );
}

/** The entity's kind, namespace and name, as the routes' path has them. */
export function entityOf(entityRef: string): {
  kind: string;
  namespace: string;
  name: string;
} {
  return parseEntityRef(entityRef, { defaultNamespace: 'default' });
}
