import { ActionOffer } from '@ecs-deploy/plugin-ecs-deploy-common';

/** An offer of `action`, available unless `refusal` says why not. */
export function offer(
  action: ActionOffer['action'],
  refusal: string | undefined,
  request?: ActionOffer['request'],
): ActionOffer {
  return {
    action,
    ...(refusal ? { unavailableReason: refusal } : {}),
    ...(request ? { request } : {}),
  };
}
