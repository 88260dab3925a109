import { DeploymentDetail } from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../../environments/EnvironmentLoader';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { entryNotFound } from '../../history/entryNotFound';
import { taskSetHistoryId, taskSetSummary } from './summary';

/**
 * An EXTERNAL task set's detail: the task set as its only target. Undefined
 * when the service is not an EXTERNAL one (another system's `ecs:` entry).
 */
export async function taskSetDetail(
  _ctx: unknown,
  env: ResolvedEnvironment,
  loading: Promise<LoadedEnvironment>,
  id: string,
): Promise<DeploymentDetail | undefined> {
  const { service } = await loading;
  if (service?.controller !== 'EXTERNAL') return undefined;
  const taskSet = service.taskSets.find(t => taskSetHistoryId(t.id) === id);
  if (!taskSet) throw entryNotFound(id, env.name);
  const deployment = taskSetSummary(env.name, taskSet);
  const label = taskSet.status === 'PRIMARY' ? 'PRIMARY' : 'ACTIVE';
  return {
    deployment,
    lifecycleEvents: [],
    statusMessages: [],
    targets: [
      {
        id: taskSet.id,
        status: deployment.status,
        awsStatus: taskSet.status,
        lifecycleEvents: [],
        taskSets: [
          {
            id: taskSet.id,
            label: taskSet.status === 'DRAINING' ? 'DRAINING' : label,
            status: taskSet.status,
            runningCount: taskSet.runningCount,
            desiredCount: taskSet.desiredCount,
            pendingCount: taskSet.pendingCount,
            ...(deployment.taskDefinitionTo
              ? { taskDefinition: deployment.taskDefinitionTo }
              : {}),
          },
        ],
      },
    ],
  };
}
