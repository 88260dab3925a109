import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { z } from 'zod';

// Entity refs as the catalog validates them: no `.` or `..` segment, no `/`,
// first character a letter or digit, at most 63 characters. A ref the catalog
// could not hold must not reach the catalog client, which builds URLs from it.
const { isValidKind, isValidNamespace, isValidObjectName } =
  KubernetesValidatorFunctions;

export const entityParams = z.object({
  kind: z
    .string()
    .refine(
      isValidKind,
      'must be an entity kind: a letter, then letters or digits (at most 63)',
    ),
  // Refs compare case-insensitively, so `Default` names `default`.
  namespace: z
    .string()
    .refine(
      ns => isValidNamespace(ns.toLocaleLowerCase('en-US')),
      'must be a namespace: letters, digits and -, starting and ending with a letter or digit (at most 63)',
    ),
  name: z
    .string()
    .refine(
      isValidObjectName,
      'must be an entity name: letters, digits and - _ ., starting and ending with a letter or digit (at most 63)',
    ),
});
