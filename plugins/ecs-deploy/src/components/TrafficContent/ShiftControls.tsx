import { TrafficShift } from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentControls } from '../actions/DeploymentControls';

/**
 * The controls of the deployment shifting traffic, from the offers the
 * traffic snapshot carries: they follow its phase with every snapshot.
 */
export const ShiftControls = ({
  environment,
  shift,
  onChanged,
}: {
  environment: string;
  shift: TrafficShift;
  onChanged: () => void;
}) => (
  <DeploymentControls
    deployment={{ environment, offers: shift.offers }}
    onChanged={onChanged}
  />
);
