import { Text } from '@backstage/ui';
import {
  ActionOffer,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { useRunAction } from '../../hooks/useRunAction';
import { ACTION_TEXTS, ActionSubject, ControlName } from './actionTexts';
import { EcsActionButton } from './EcsActionButton';
import {
  INCOMPLETE_OFFER_REASON,
  offeredRequest,
  RequestInput,
} from './offeredRequest';

const describeOutcome = (r: EcsDeployActionResponse) => r.message;

const refuseIncomplete = () =>
  Promise.reject(new Error(INCOMPLETE_OFFER_REASON));

/**
 * The control of an offer that needs nothing from the person but a
 * confirmation (and a comment, for approvals), disabled with the offer's
 * reason when it does not apply now.
 */
export const OfferButton = ({
  offer,
  subject,
  control = offer.action,
  input,
  onChanged,
}: {
  offer: ActionOffer;
  subject: ActionSubject;
  /** Which of the action's controls; `reject` for an `approve` offer. */
  control?: ControlName;
  input?: RequestInput;
  onChanged?: () => void;
}) => {
  const runAction = useRunAction();
  const text = ACTION_TEXTS[control]({
    ...subject,
    stageName: offer.request?.stageName,
    from: subject.from ?? offer.request?.from,
    percent: offer.request?.percent,
  });
  const request = offeredRequest(offer, subject.environment, input);
  return (
    <EcsActionButton
      label={text.label}
      permission={ECS_DEPLOY_ACTION_PERMISSIONS[offer.action]}
      disabledReason={
        offer.unavailableReason ??
        (request ? undefined : INCOMPLETE_OFFER_REASON)
      }
      confirmTitle={text.confirmTitle}
      confirmLabel={text.confirmLabel}
      comment={text.comment}
      destructive={text.destructive}
      run={request ? runAction(request) : refuseIncomplete}
      describeResult={describeOutcome}
      onSucceeded={onChanged}
    >
      <Text as="p" variant="body-medium">
        {text.explanation}
      </Text>
    </EcsActionButton>
  );
};
