import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';

/**
 * The resources an environment's history comes from. Facts are kept by
 * these, not by the entity's name: entities naming the same resources share
 * them, and an annotation that changes starts afresh.
 */
function historyOf(env: ResolvedEnvironment): string {
  return [
    env.name,
    env.accountId,
    env.region,
    env.service?.arn ?? '',
    env.pipeline?.arn ?? '',
    env.codeDeploy
      ? `${env.codeDeploy.application}/${env.codeDeploy.deploymentGroup}`
      : '',
  ].join('|');
}

/** The cache keys of the delivery metrics (see EnvironmentFacts.ts). */
export const metricsCacheKeys = {
  /** An environment's fact snapshot: its head and the list of its segments. */
  snapshot: (env: ResolvedEnvironment) => `metrics:facts:v1:${historyOf(env)}`,
  /** One segment of settled facts, named by the snapshot. */
  segment: (env: ResolvedEnvironment, id: string) =>
    `metrics:facts:v1:${historyOf(env)}:segment:${id}`,
  /** The one refresh of a snapshot under way in this process. */
  refresh: (env: ResolvedEnvironment) =>
    `metrics:facts:v1:${historyOf(env)}:refresh`,
};
