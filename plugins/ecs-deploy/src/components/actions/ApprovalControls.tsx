import { ActionOffer } from '@ecs-deploy/plugin-ecs-deploy-common';
import { OfferButton } from './OfferButton';

/**
 * Approve (comment optional) and reject (comment required, so the author
 * learns why) the manual approval an `approve` offer names: the approval of
 * the execution the backend read, so that it refuses if another one waits
 * by the time the person decides.
 */
export const ApprovalControls = ({
  offer,
  environment,
  pipelineName,
  onChanged,
}: {
  offer: ActionOffer;
  environment: string;
  pipelineName?: string;
  onChanged?: () => void;
}) => {
  const subject = { environment, pipelineName };
  return (
    <>
      <OfferButton
        offer={offer}
        subject={subject}
        control="approve"
        input={{ decision: 'Approved' }}
        onChanged={onChanged}
      />
      <OfferButton
        offer={offer}
        subject={subject}
        control="reject"
        input={{ decision: 'Rejected' }}
        onChanged={onChanged}
      />
    </>
  );
};
