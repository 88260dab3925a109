import { InputError } from '@backstage/errors';
import {
  DeploymentKind,
  parseDeploymentId,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { LoadedEnvironment } from '../environments/EnvironmentLoader';
import { codeDeploySystem } from './codeDeploy';
import {
  DeploymentActions,
  DeploymentSystem,
  EnvironmentActions,
  EnvironmentActionName,
  ServiceSystem,
} from './DeploymentSystem';
import { ecsNativeSystem } from './ecsNative';
import { pipelineSystem } from './pipeline';
import { taskSetsSystem } from './taskSets';

/**
 * Every deployment system, in the order their history streams and offers
 * are listed. Adding a system: its folder, and one line here.
 */
export const DEPLOYMENT_SYSTEMS: readonly DeploymentSystem[] = [
  pipelineSystem,
  codeDeploySystem,
  ecsNativeSystem,
  taskSetsSystem,
];

/** The systems whose history, details and actions apply to the environment. */
export function systemsOf(loaded: LoadedEnvironment): DeploymentSystem[] {
  return DEPLOYMENT_SYSTEMS.filter(s => s.appliesTo(loaded));
}

/** The system that moves the environment's service, by its deployment controller. */
export function serviceSystemOf(
  loaded: LoadedEnvironment,
): ServiceSystem | undefined {
  const controller = loaded.service?.controller;
  return controller
    ? DEPLOYMENT_SYSTEMS.find(s => s.service?.controller === controller)
        ?.service
    : undefined;
}

/** The history id kinds of the entries the systems act on (`codedeploy`, `ecs`). */
export const ACTED_ON_KINDS: readonly DeploymentKind[] = [
  ...new Set(
    DEPLOYMENT_SYSTEMS.filter(s => s.deploymentActions).map(s => s.entryKind),
  ),
];

/** What a deployment id must be, for messages. */
export function deploymentIdExpected(): string {
  return `a deployment id from the history (${ACTED_ON_KINDS.map(
    k => `${k}:…`,
  ).join(' or ')})`;
}

/** The systems whose entries have history ids of this kind. */
export function systemsOfKind(kind: DeploymentKind): DeploymentSystem[] {
  return DEPLOYMENT_SYSTEMS.filter(s => s.entryKind === kind);
}

/**
 * The deployment actions of the system whose entry a history id names, in
 * this environment; an InputError naming `deploymentId` when it has none.
 */
export function deploymentActionsFor(
  deploymentId: string,
  loaded: LoadedEnvironment,
): { actions: DeploymentActions; awsId: string } {
  const parsed = parseDeploymentId(deploymentId);
  const acting = parsed
    ? systemsOfKind(parsed.kind).filter(s => s.deploymentActions)
    : [];
  if (!parsed || !acting.length) {
    throw new InputError(
      `deploymentId: '${deploymentId}' is not ${deploymentIdExpected()}`,
    );
  }
  const applying = acting.find(s => s.appliesTo(loaded));
  if (!applying) {
    throw new InputError(
      `deploymentId: ${acting[0].deploymentActions!.notApplicable(loaded.env)}`,
    );
  }
  return { actions: applying.deploymentActions!, awsId: parsed.awsId };
}

/** The environment-level actions of the system that takes `action`. */
export function environmentActionsFor(
  action: EnvironmentActionName,
): EnvironmentActions {
  return DEPLOYMENT_SYSTEMS.find(s =>
    s.environmentActions?.actions.includes(action),
  )!.environmentActions!;
}
