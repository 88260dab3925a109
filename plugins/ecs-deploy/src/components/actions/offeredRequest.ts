import {
  ActionOffer,
  EcsDeployActionRequest,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/** What the person adds to an offered request. */
export type RequestInput = {
  decision?: 'Approved' | 'Rejected';
  /** The digest the promotion preview showed. */
  imageDigest?: string;
};

/** Shown instead of acting when an offer lacks what its request needs. */
export const INCOMPLETE_OFFER_REASON =
  'The backend did not say what this action would act on; refresh to read it again.';

/**
 * The request an offer describes for `environment`: the ids the backend read
 * (`offer.request`) and the person's input. Undefined when either lacks a
 * field the action needs.
 */
export function offeredRequest(
  offer: ActionOffer,
  environment: string,
  input: RequestInput = {},
): EcsDeployActionRequest | undefined {
  const { deploymentId, pipelineExecutionId, stageName, from, percent } =
    offer.request ?? {};
  const fromPercent = offer.request?.fromPercent;
  switch (offer.action) {
    case 'continue':
    case 'finish-early':
    case 'rollback':
      return deploymentId
        ? { action: offer.action, environment, deploymentId }
        : undefined;
    case 'approve':
      return pipelineExecutionId && input.decision
        ? {
            action: 'approve',
            environment,
            pipelineExecutionId,
            decision: input.decision,
          }
        : undefined;
    case 'start-pipeline':
      return { action: 'start-pipeline', environment };
    case 'retry-stage':
      return stageName && pipelineExecutionId
        ? { action: 'retry-stage', environment, stageName, pipelineExecutionId }
        : undefined;
    case 'promote':
      return from && input.imageDigest
        ? {
            action: 'promote',
            environment,
            from,
            imageDigest: input.imageDigest,
          }
        : undefined;
    case 'start-release':
      return from ? { action: 'start-release', environment, from } : undefined;
    case 'shift-traffic':
      return deploymentId && percent !== undefined && fromPercent !== undefined
        ? {
            action: 'shift-traffic',
            environment,
            deploymentId,
            percent,
            fromPercent,
          }
        : undefined;
    case 'promote-release':
    case 'abort-release':
      return deploymentId
        ? { action: offer.action, environment, deploymentId }
        : undefined;
    default:
      return undefined;
  }
}
