import type { CodeDeployStore } from '../CodeDeployStore';
import type { DeploymentStatus } from '../model';
import { need } from './input';

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

/** The deployment an input's `deploymentId` names. */
export const deploymentOf = (store: CodeDeployStore, input: any) =>
  store.getDeployment(
    need(input, 'deploymentId', 'DeploymentIdRequiredException'),
  );
