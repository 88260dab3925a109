import type { SandboxWorld } from '../world';

/** What every operation handler knows about the call it serves. @public */
export interface RequestContext {
  /** Region from the SigV4 credential scope (falls back to the sandbox default). */
  region: string;
  /** Account from the access key mapping (falls back to the sandbox default). */
  accountId: string;
  world: SandboxWorld;
}

/** @public */
export type OperationHandler = (
  input: any,
  ctx: RequestContext,
) => unknown | Promise<unknown>;

/**
 * One AWS service as the sandbox serves it. JSON 1.1 services are dispatched by
 * the `X-Amz-Target` prefix, Query services by `Action` (and `Version`).
 *
 * @public
 */
export interface ServiceDefinition {
  /** Short name used in the call log, e.g. `ecs`, `codedeploy`, `elbv2`. */
  name: string;
  protocol: 'json1.1' | 'query';
  /** JSON 1.1: the target prefix, e.g. `AmazonEC2ContainerServiceV20141113`. */
  targetPrefix?: string;
  /** Query: the API version, e.g. `2015-12-01`. */
  apiVersion?: string;
  operations: Record<string, OperationHandler>;
}
