import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { DeploymentStatus } from '@ecs-deploy/plugin-ecs-deploy-common';

const LABELS: Record<DeploymentStatus, string> = {
  PENDING: 'Pending',
  IN_PROGRESS: 'In progress',
  WAITING: 'Waiting',
  BAKING: 'Baking',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  STOPPED: 'Stopped',
  ROLLING_BACK: 'Rolling back',
  ROLLED_BACK: 'Rolled back',
  SUPERSEDED: 'Superseded',
  UNKNOWN: 'Unknown',
};

/** The status in words, as the filters and labels show it. */
export function deploymentStatusText(status: DeploymentStatus): string {
  return LABELS[status] ?? status;
}

/**
 * A deployment status with Backstage's status icon, so the colours match the
 * rest of the portal and the theme. The words are always there: colour is
 * never the only signal.
 */
export const DeploymentStatusLabel = ({
  status,
}: {
  status: DeploymentStatus;
}) => {
  const text = deploymentStatusText(status);
  switch (status) {
    case 'SUCCEEDED':
      return <StatusOK>{text}</StatusOK>;
    case 'FAILED':
      return <StatusError>{text}</StatusError>;
    case 'ROLLED_BACK':
    case 'ROLLING_BACK':
      return <StatusWarning>{text}</StatusWarning>;
    case 'IN_PROGRESS':
    case 'BAKING':
      return <StatusRunning>{text}</StatusRunning>;
    case 'STOPPED':
    case 'SUPERSEDED':
      return <StatusAborted>{text}</StatusAborted>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
};
