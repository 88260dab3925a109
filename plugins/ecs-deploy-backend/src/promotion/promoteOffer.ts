import {
  ActionOffer,
  EnvironmentOverview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { offer } from '../systems/offers';
import { missingRepository } from './repositories';

/**
 * Promoting what runs in `from` to the next environment, offered on `from`
 * (the request names the next one as `environment` and `from` as `from`):
 * both need an ECR repository, as the action checks first; the preview then
 * says whether this image can go.
 */
export function promoteOffer(
  from: { env: ResolvedEnvironment; overview: EnvironmentOverview },
  to: { env: ResolvedEnvironment; overview: EnvironmentOverview },
): ActionOffer {
  const refusal =
    missingRepository(to.env) ??
    missingRepository(from.env) ??
    (to.overview.error
      ? `${to.env.name} could not be read: ${to.overview.error.message}`
      : undefined) ??
    (from.overview.images.length
      ? undefined
      : `Nothing runs in ${from.env.name} to promote`);
  return offer('promote', refusal, { from: from.env.name });
}
