import { ApiRouter } from '@backstage/backend-openapi-utils';
import { Request } from 'express';
import { spec } from '../schema/openapi';

/** The router typed by the spec: paths, parameters and bodies as it declares them. */
export type EcsDeployApiRouter = ApiRouter<typeof spec>;

/**
 * Any validated request under `/entities/:kind/:namespace/:name`, whatever
 * its route's body, query and response types.
 */
export type EntityRequest = Request<
  { kind: string; namespace: string; name: string },
  any,
  any,
  any
>;

/** The page size when a request names none, as the spec declares it. */
export const DEFAULT_PAGE_SIZE: number =
  spec.components.parameters.limit.schema.default;
