import { Flex } from '@backstage/ui';
import { ActionOffer } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ApprovalControls } from './ApprovalControls';
import { OfferButton } from './OfferButton';
import { PromotionControl } from './PromotionControl';

/** Props of {@link OfferControls}. */
export type OfferControlsProps = {
  /** Absent from a backend that sends no offers: then there is nothing to show. */
  offers: readonly ActionOffer[] | undefined;
  /** The environment the offers were read for, which the requests act on. */
  environment: string;
  /** The pipeline approvals and starts concern, named in their dialogs. */
  pipelineName?: string;
  /** The environment a `promote` offer promotes to; none: no promotion. */
  promoteTo?: string;
  onChanged?: () => void;
};

/**
 * One control per offer, in the backend's order: enabled when the offer
 * applies now, else disabled with the offer's reason. Which actions exist
 * and when they apply is the backend's to say; the permission check stays
 * with each button.
 */
export const OfferControls = ({
  offers,
  environment,
  pipelineName,
  promoteTo,
  onChanged,
}: OfferControlsProps) => {
  if (!offers?.length) {
    return null;
  }
  return (
    <Flex gap="2" style={{ flexWrap: 'wrap' }}>
      {offers.map((offer, index) => {
        const key = `${offer.action}-${index}`;
        switch (offer.action) {
          case 'approve':
            return (
              <ApprovalControls
                key={key}
                offer={offer}
                environment={environment}
                pipelineName={pipelineName}
                onChanged={onChanged}
              />
            );
          case 'promote':
            return promoteTo ? (
              <PromotionControl
                key={key}
                offer={offer}
                to={promoteTo}
                onChanged={onChanged}
              />
            ) : null;
          default:
            return (
              <OfferButton
                key={key}
                offer={offer}
                subject={{ environment, pipelineName }}
                onChanged={onChanged}
              />
            );
        }
      })}
    </Flex>
  );
};
