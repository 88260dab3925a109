import {
  DeploymentSummary,
  EcsDeployActionName,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { OfferControls } from './OfferControls';

/** What the controls need to know of a deployment. */
export type ControlledDeployment = Pick<
  DeploymentSummary,
  'environment' | 'pipelineName' | 'offers'
>;

/** Props of {@link DeploymentControls}. */
export type DeploymentControlsProps = {
  deployment: ControlledDeployment;
  /** Actions the page shows elsewhere (an environment's approval, a stage's retry). */
  omit?: readonly EcsDeployActionName[];
  /** Called after an action succeeded, to reload the view. */
  onChanged?: () => void;
};

/**
 * The actions the backend offers on a deployment or pipeline execution:
 * continue, finish early, roll back; approve and retry a stage of an
 * execution. An offer that does not apply now stays visible, disabled with
 * the backend's reason.
 */
export const DeploymentControls = ({
  deployment,
  omit = [],
  onChanged,
}: DeploymentControlsProps) => (
  <OfferControls
    offers={(deployment.offers ?? []).filter(o => !omit.includes(o.action))}
    environment={deployment.environment}
    pipelineName={deployment.pipelineName}
    onChanged={onChanged}
  />
);
