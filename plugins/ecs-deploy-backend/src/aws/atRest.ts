import { PipelineWaitState, ServiceState } from './state';

/*
 * Whether what a gateway read shows an environment at rest: nothing deploys,
 * scales or waits. Such a value only changes when something starts, so it
 * is cached as `idle` (long); anything else as the moving thing it is.
 */

/** One deployment (or task set), done rolling out, every task running. */
export function serviceAtRest(service: ServiceState): boolean {
  const [deployment, ...others] = service.deployments;
  return (
    !others.length &&
    service.taskSets.length <= 1 &&
    (!deployment?.rolloutState || deployment.rolloutState === 'COMPLETED') &&
    service.pendingCount === 0 &&
    service.runningCount === service.desiredCount
  );
}

/** No stage running, no approval waiting. */
export function pipelineAtRest(state: PipelineWaitState): boolean {
  return (
    !state.waitingExecutionIds.length &&
    !Object.values(state.stageRuns).some(
      run => run.status === 'InProgress' || run.status === 'Stopping',
    )
  );
}
