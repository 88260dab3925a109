import type { RequestContext } from '../../../core/types';
import type { DeploymentStatus } from '../types';
import type { CodeDeployStore } from '../CodeDeployStore';
import { need } from '../validate';

/** The deployment statuses ListDeployments filters by. */
export const STATUSES: DeploymentStatus[] = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
  'Succeeded',
  'Failed',
  'Stopped',
];

/** The account and region a call acts in. */
export const where = (ctx: RequestContext) => ({
  accountId: ctx.accountId,
  region: ctx.region,
});

/** The deployment an input's `deploymentId` names. */
export const deploymentOf = (store: CodeDeployStore, input: any) =>
  store.getDeployment(
    need(input, 'deploymentId', 'DeploymentIdRequiredException'),
  );
