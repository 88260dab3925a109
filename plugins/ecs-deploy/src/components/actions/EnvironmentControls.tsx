import { EnvironmentOverview } from '@ecs-deploy/plugin-ecs-deploy-common';
import { OfferControls } from './OfferControls';

/** Props of {@link EnvironmentControls}. */
export type EnvironmentControlsProps = {
  environment: EnvironmentOverview;
  /** The next environment in promotion order, the one `promote` goes to. */
  next?: EnvironmentOverview;
  onChanged?: () => void;
};

/**
 * The environment-level actions the backend offers: promote the running
 * image to the next environment (after a preview of what changes), approve
 * or reject the pipeline's manual approval, start the pipeline, retry its
 * failed stage. An approval belongs to the pipeline, not to one deployment,
 * so it lives here.
 */
export const EnvironmentControls = ({
  environment,
  next,
  onChanged,
}: EnvironmentControlsProps) => (
  <OfferControls
    offers={environment.offers}
    environment={environment.name}
    pipelineName={environment.pipeline?.name}
    promoteTo={next?.name}
    onChanged={onChanged}
  />
);
