import type { SeedContext } from '../core/types';
import { createCodeDeployGroup as createFleetCodeDeployGroup } from '../testing/codeDeploy';
import { type BlueGreenAlb } from '../testing/blueGreenAlb';
import type { FleetService } from './catalog';
import { callerAt, type Placement } from './infrastructure';
import { clusterName, codeDeployNames, entityTags } from './names';

/** Termination wait of the original task set, per environment (minutes). @public */
export const TERMINATION_WAIT: Record<string, number> = {
  dev: 5,
  staging: 60,
  prod: 60,
};

/** Two days: a person approves within them or the deployment stops. */
const READY_WAIT_MINUTES = 2880;

/** @public */
export async function createCodeDeployGroup(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
  alb: BlueGreenAlb,
): Promise<{ applicationName: string; deploymentGroupName: string }> {
  if (service.controller.kind !== 'CODE_DEPLOY')
    throw new Error('not a CODE_DEPLOY service');
  const names = codeDeployNames(service.name, at.env);
  await createFleetCodeDeployGroup(callerAt(ctx, at), {
    ...names,
    cluster: clusterName(at.env),
    serviceName: service.name,
    alb,
    serviceRoleArn: `arn:aws:iam::${at.accountId}:role/CodeDeployServiceRoleForECS`,
    deploymentConfigName: service.controller.deploymentConfigName,
    readyWaitMinutes: service.readyWaitEnvs.includes(at.env)
      ? READY_WAIT_MINUTES
      : undefined,
    terminationWaitMinutes: TERMINATION_WAIT[at.env] ?? 5,
    alarms: [`${service.name}-${at.env}-5xx`],
    tags: entityTags(service, at.env),
  });
  return names;
}
