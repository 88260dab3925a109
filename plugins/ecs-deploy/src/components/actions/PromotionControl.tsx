import { useCallback, useState } from 'react';
import {
  ActionOffer,
  ECS_DEPLOY_ACTION_PERMISSIONS,
  EcsDeployActionResponse,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { useRunAction } from '../../hooks/useRunAction';
import { ACTION_TEXTS } from './actionTexts';
import { EcsActionButton } from './EcsActionButton';
import { INCOMPLETE_OFFER_REASON, offeredRequest } from './offeredRequest';
import { PromotionPreviewPanel } from './PromotionPreviewPanel';

const describeOutcome = (r: EcsDeployActionResponse) => r.message;

/**
 * Promotes the image running in the offer's `from` environment to `to`,
 * after a preview of what changes; the request carries the digest the
 * preview showed, so the backend refuses if the image moved meanwhile.
 */
export const PromotionControl = ({
  offer,
  to,
  onChanged,
}: {
  offer: ActionOffer;
  /** The environment promoted to. */
  to: string;
  onChanged?: () => void;
}) => {
  const runAction = useRunAction();
  const [preview, setPreview] = useState<PromotionPreview>();
  const onPreview = useCallback(
    (p: PromotionPreview | undefined) => setPreview(p),
    [],
  );
  const from = offer.request?.from;
  const text = ACTION_TEXTS.promote({ environment: to, from });

  const promote = useCallback(
    (key: string, comment: string | undefined) => {
      if (!preview) {
        return Promise.reject(
          new Error('The promotion preview has not loaded yet.'),
        );
      }
      if (preview.blockedReason) {
        return Promise.reject(new Error(preview.blockedReason));
      }
      const request = offeredRequest(offer, to, {
        imageDigest: preview.image.digest,
      });
      return request
        ? runAction(request)(key, comment)
        : Promise.reject(new Error(INCOMPLETE_OFFER_REASON));
    },
    [offer, to, preview, runAction],
  );

  return (
    <EcsActionButton
      label={text.label}
      permission={ECS_DEPLOY_ACTION_PERMISSIONS.promote}
      disabledReason={
        offer.unavailableReason ?? (from ? undefined : INCOMPLETE_OFFER_REASON)
      }
      confirmTitle={text.confirmTitle}
      confirmLabel={text.confirmLabel}
      ready={Boolean(preview && !preview.blockedReason)}
      run={promote}
      describeResult={describeOutcome}
      onSucceeded={onChanged}
    >
      {from && (
        <PromotionPreviewPanel
          from={from}
          to={to}
          explanation={text.explanation}
          onPreview={onPreview}
        />
      )}
    </EcsActionButton>
  );
};
