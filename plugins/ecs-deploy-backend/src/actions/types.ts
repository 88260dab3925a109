import { EcsDeployTagKeys } from '@ecs-deploy/plugin-ecs-deploy-node';
import { AwsGateways } from '../aws/AwsGateways';
import {
  EnvironmentLoader,
  LoadedEnvironment,
} from '../environments/EnvironmentLoader';

/** What every action needs: the AWS gateways, the environment loader, the tag keys. */
export interface ActionContext {
  aws: AwsGateways;
  environments: EnvironmentLoader;
  tags: EcsDeployTagKeys;
  /** How long starting a release waits for its task set to be steady. */
  releaseSteadyMs: number;
}

/** The entity, the caller and the environment an action is about. */
export interface ActionTarget {
  entityRef: string;
  /** User entity ref of the caller, e.g. `user:default/jane`. */
  actor: string;
  loaded: LoadedEnvironment;
  /** The environment the request names as `from`, loaded (promote, start-release). */
  source?: LoadedEnvironment;
}

/** How an action ended, as the ledger keeps it and the caller reads it. */
export interface ActionOutcome {
  /** One sentence for the person who acted. */
  message: string;
  /** The AWS resource changed (ARN or deployment id). */
  awsResource: string;
  /** The history entry the action concerns (`pipeline:<id>` for a new execution). */
  deploymentId?: string;
}

/** One try of an action, as the action service hands it to the action. */
export interface ActionAttempt {
  /** Unique per ledger entry; passed to AWS where it takes a client token. */
  requestToken: string;
  /**
   * Sends the action's one mutating AWS call (through a gateway, which maps
   * its errors); when AWS may have acted without the answer arriving (a
   * timeout, a dropped connection, a 5xx) the error is a 503 with code
   * `OutcomeUnknown`.
   */
  mutate<T>(send: () => Promise<T>): Promise<T>;
  /**
   * Says the action put back what its mutating calls changed before failing
   * (a release whose task set never became steady): its failure is final,
   * not an unknown outcome.
   */
  undone(): void;
}

/**
 * An action whose AWS resource is known but not yet touched: the caller checks
 * that `ownedResource` carries the entity's tag, then calls `perform`, which
 * checks the current state (409 when it does not allow the action) and mutates.
 * After an attempt whose outcome is unknown, `reconcile` reads AWS to tell
 * whether that attempt's mutation happened: its outcome if it did, undefined
 * if it did not.
 */
export interface PreparedAction {
  ownedResource: string;
  perform(attempt: ActionAttempt): Promise<ActionOutcome>;
  reconcile(attempt: ActionAttempt): Promise<ActionOutcome | undefined>;
}
