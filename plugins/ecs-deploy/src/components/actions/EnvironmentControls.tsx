import { Flex, Text } from '@backstage/ui';
import {
  ActionOffer,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EnvironmentOverview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import {
  notAllowedReason,
  useEntityPermission,
} from '../../hooks/useEntityPermission';
import { ACTION_TEXTS } from './actionTexts';
import { environmentOffers } from './environmentOffers';
import { OfferControls } from './OfferControls';

/** Props of {@link EnvironmentControls}. */
export type EnvironmentControlsProps = {
  environment: EnvironmentOverview;
  /** The next environment in promotion order, the one `promote` goes to. */
  next?: EnvironmentOverview;
  onChanged?: () => void;
};

/**
 * One line on why the environment's main action cannot be taken: the
 * backend's reason when it does not apply now, or the permission policy's
 * when the user may not take it.
 */
const MainActionNote = ({
  main,
  label,
}: {
  main: ActionOffer;
  label: string;
}) => {
  const { loading, allowed } = useEntityPermission(
    ECS_DEPLOY_ACTION_PERMISSIONS[main.action],
  );
  let note: string | undefined;
  if (main.unavailableReason) {
    note = `${label}: ${main.unavailableReason}`;
  } else if (!loading && !allowed) {
    note = notAllowedReason(label);
  }
  return note ? (
    <Text as="p" variant="body-small" color="secondary" role="note">
      {note}
    </Text>
  ) : null;
};

/**
 * The actions an environment card offers: only those that apply now, from
 * its last deployment (continue, finish early, roll back) and from the
 * environment (approve, retry a stage, promote to the next environment,
 * start the pipeline), the main one first; and one line saying why the main
 * one cannot be taken, when it cannot.
 */
export const EnvironmentControls = ({
  environment,
  next,
  onChanged,
}: EnvironmentControlsProps) => {
  const { applicable, main } = environmentOffers(environment, {
    canPromote: Boolean(next),
  });
  const pipelineName =
    environment.pipeline?.name ?? environment.lastDeployment?.pipelineName;
  const mainLabel =
    main &&
    ACTION_TEXTS[main.action]({
      environment:
        main.action === 'promote' && next ? next.name : environment.name,
      pipelineName,
      stageName: main.request?.stageName,
      from: main.request?.from,
    }).label;
  return (
    <Flex direction="column" gap="2">
      <OfferControls
        offers={applicable}
        environment={environment.name}
        pipelineName={pipelineName}
        promoteTo={next?.name}
        onChanged={onChanged}
      />
      {main && mainLabel && <MainActionNote main={main} label={mainLabel} />}
    </Flex>
  );
};
