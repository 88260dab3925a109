import type { ServiceStore, SandboxWorld } from '../world';

/** What every operation handler knows about the call it serves. @public */
export interface RequestContext {
  /** Region from the SigV4 credential scope (falls back to the sandbox default). */
  region: string;
  /** Account from the access key mapping (falls back to the sandbox default). */
  accountId: string;
  world: SandboxWorld;
  /** The id returned to the caller (`x-amzn-RequestId` / `<RequestId>`). */
  requestId?: string;
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
  /** Query: the XML namespace of responses, e.g. `http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/`. */
  xmlNamespace?: string;
  /**
   * The error code for a missing or malformed parameter, e.g.
   * `InvalidParameterException` (ECS, ECR), `ValidationException` (CodePipeline),
   * `ValidationError` (ELBv2). Used by the protocol layer for bad input it
   * detects itself.
   */
  validationErrorCode?: string;
  operations: Record<string, OperationHandler>;
}

/**
 * A service as the registry (`src/services/index.ts`) knows it: how to build its
 * store inside a world and the definition(s) that serve its operations.
 *
 * `create` runs while the world is being built, in registry order, so it must
 * not call other services yet; do that in `link`, which runs once every module
 * has been created (e.g. subscribing to `world.ecr.onImagePushed`).
 *
 * @public
 */
export interface ServiceModule {
  /** Key of the store in the state file and in `world.stores`. */
  name: string;
  create(world: MutableSandboxWorld): {
    store: ServiceStore;
    definitions: ServiceDefinition[];
  };
  link?(world: SandboxWorld): void;
}

/**
 * The world while it is being built: modules attach the cross-service API they
 * implement (`world.ecs = store`).
 *
 * @public
 */
export type MutableSandboxWorld = {
  -readonly [K in keyof SandboxWorld]: SandboxWorld[K];
};

/**
 * Fills a world with resources (the demo fleet, a benchmark fleet). Registered
 * by name in `src/services/index.ts` (`seeders`) and chosen with
 * `startSandbox({ seed: name })`.
 *
 * @public
 */
export type Seeder = (ctx: SeedContext) => void | Promise<void>;

/** @public */
export interface SeedContext {
  world: SandboxWorld;
  /**
   * Calls an operation in-process, exactly as an HTTP request would (same
   * handlers, validation and errors), without the call log or faults.
   */
  invoke<T = any>(
    service: string,
    operation: string,
    input: unknown,
    where?: { accountId?: string; region?: string },
  ): Promise<T>;
  /** Seed-specific options from `startSandbox({ seedOptions })`. */
  options: Record<string, unknown>;
}
