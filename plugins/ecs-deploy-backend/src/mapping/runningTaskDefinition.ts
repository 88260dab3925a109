import { ServiceState } from '../aws/state';

/**
 * The task definition a service runs now: its primary task set's
 * (CODE_DEPLOY, EXTERNAL), else its primary deployment's (ECS), else the
 * service's own.
 */
export function runningTaskDefinition(
  service: ServiceState | undefined,
): string | undefined {
  return (
    service?.taskSets.find(t => t.status === 'PRIMARY')?.taskDefinitionArn ??
    service?.deployments.find(d => d.status === 'PRIMARY')?.taskDefinitionArn ??
    service?.taskDefinitionArn
  );
}
