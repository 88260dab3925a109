import { DeploymentSystem } from '../DeploymentSystem';
import { prepareCodeDeployAction } from './actions';
import { codeDeployDetail } from './detail';
import { codeDeploySource } from './history';
import { readCodeDeployStrategy } from './strategy';
import { codeDeployTraffic } from './traffic';

/**
 * CodeDeploy blue/green (CODE_DEPLOY controller): deployments of the
 * environment's deployment group, their task sets and listener weights.
 */
export const codeDeploySystem: DeploymentSystem = {
  id: 'codeDeploy',
  entryKind: 'codedeploy',
  // Its entries are the deployment group's: annotated, or found for the service.
  appliesTo: loaded => !!loaded.codeDeploy,
  historySource: (ctx, loaded) =>
    codeDeploySource(ctx, loaded.env, loaded.codeDeploy!, loaded.service),
  detail: codeDeployDetail,
  service: {
    controller: 'CODE_DEPLOY',
    info: () => ({ id: 'codeDeploy', label: 'CodeDeploy blue/green' }),
    strategy: readCodeDeployStrategy,
    traffic: codeDeployTraffic,
    recordsImageDigests: false,
  },
  deploymentActions: {
    notApplicable: env =>
      `environment '${env.name}' has no CodeDeploy deployment group`,
    // Only called when the system applies: the group is known.
    prepare: (ctx, target, action, awsId) =>
      prepareCodeDeployAction(
        ctx,
        target,
        action,
        awsId,
        target.loaded.codeDeploy!,
      ),
  },
};
