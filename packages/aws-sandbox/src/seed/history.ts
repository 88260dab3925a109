import { importCodeDeploy } from './codeDeployHistory';
import { importEcsDeployment } from './ecsHistory';
import { executionFor } from './executionHistory';
import type { HistoryTarget } from './historyTarget';
import type { PlannedDeployment } from './plan';

export type { HistoryTarget } from './historyTarget';

/*
 * Turns planned past deployments into finished records, as AWS would show
 * them today: a pipeline execution per deployment (source, approval, deploy
 * actions) linked to the CodeDeploy deployment or ECS service deployment it
 * caused, failures with stopped tasks and exit codes, rollbacks.
 */

/**
 * Imports the plan's deployments, oldest first. Returns the revision of the
 * last successful one (what the service runs now), if any.
 *
 * @public
 */
export function importHistory(
  target: HistoryTarget,
  plans: PlannedDeployment[],
): number | undefined {
  const codedeploy = target.world.stores.codedeploy;
  const pipelines = target.world.stores.codepipeline;
  let lastGood: number | undefined;
  for (const plan of plans) {
    const previous = lastGood;
    const deploy = target.codeDeploy
      ? importCodeDeploy(target, codedeploy, plan, previous)
      : importEcsDeployment(target, plan, previous);
    if (target.pipeline) {
      pipelines.importExecution(
        target.pipeline,
        executionFor(target, pipelines, plan, deploy),
      );
    }
    if (plan.outcome === 'success') lastGood = plan.revision;
  }
  return lastGood;
}
