import type { ActionTypeId } from '../model';
import type { ActionRunner } from './actionRunner';
import { codeDeployToEcs } from './codeDeployToEcs';
import { ecrSource } from './ecrSource';
import { ecsDeploy } from './ecsDeploy';
import { genericAction } from './genericAction';
import { manualApproval } from './manualApproval';
import { repositorySource } from './repositorySource';

export type { ActionEnv, ActionRunner } from './actionRunner';
export { failWith } from './actionRunner';

/** The runner for an action type: the providers the sandbox models, else a timed no-op. */
export function runnerFor(type: ActionTypeId): ActionRunner {
  if (type.category === 'Source') {
    return type.provider === 'ECR' ? ecrSource : repositorySource;
  }
  if (type.category === 'Approval') return manualApproval;
  if (type.category === 'Deploy' && type.provider === 'CodeDeployToECS') {
    return codeDeployToEcs;
  }
  if (type.category === 'Deploy' && type.provider === 'ECS') return ecsDeploy;
  return genericAction;
}
