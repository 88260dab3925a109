import { parseDeploymentId } from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ReadContext } from '../../reads/ReadContext';
import { OverviewPart } from '../DeploymentSystem';
import { offer } from '../offers';
import { pipelinePage } from './history';
import { approveOffer } from './offers';
import { noApprovalWaiting, startRefusal } from './preconditions';

/**
 * The pipeline in the overview, from the newest executions (the same cached
 * page the history reads, so no GetPipelineState while nothing runs): the
 * execution an approval would decide, named so that the approver decides
 * the one they saw, and what can be done with the pipeline now.
 */
export async function pipelineOverview(
  ctx: ReadContext,
  loaded: LoadedEnvironment,
): Promise<OverviewPart> {
  const { env } = loaded;
  const name = env.pipeline!.name;
  const { items } = await pipelinePage(ctx, env, undefined);
  const awsIdOf = (id: string) => parseDeploymentId(id)?.awsId;
  const waitingExecution = items.find(e => e.status === 'WAITING');
  const waitingExecutionId = waitingExecution && awsIdOf(waitingExecution.id);
  const latest = items[0];
  const retry =
    latest?.status === 'FAILED'
      ? latest.offers?.find(o => o.action === 'retry-stage')
      : undefined;
  return {
    fields: {
      pipeline: {
        name,
        ...(waitingExecutionId ? { waitingExecutionId } : {}),
      },
    },
    waiting: !!waitingExecution,
    offers: [
      waitingExecutionId
        ? approveOffer(waitingExecutionId)
        : offer('approve', noApprovalWaiting(name)),
      offer(
        'start-pipeline',
        startRefusal(
          name,
          items.map(e => ({ executionId: awsIdOf(e.id), status: e.awsStatus })),
        ),
      ),
      retry ??
        offer(
          'retry-stage',
          `The latest execution of pipeline ${name} did not fail`,
        ),
    ],
  };
}
