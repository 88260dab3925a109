import type { ActionTypeId } from '../types';
import { manualApproval } from './approvalAction';
import { codeDeployToEcs } from './codeDeployToEcs';
import { ecrSource } from './ecrSource';
import { ecsDeploy } from './ecsDeploy';
import { genericAction } from './genericAction';
import { repositorySource } from './repositorySource';
import type { ActionRunner } from './types';

export type { ActionEnv, ActionRunner } from './types';
export { failWith } from './types';

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
