import {
  DeploymentSummary,
  isActiveStatus,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { HistorySource } from './HistorySource';

/** The newest entry of a stream if it is still moving (list + one describe, cached). */
export async function activeHead(
  source: HistorySource,
): Promise<DeploymentSummary | undefined> {
  const page = await source.list(undefined);
  if (!page.ids.length) return undefined;
  const [head] = await source.describe(undefined, page.ids.slice(0, 1));
  return head && isActiveStatus(head.status) ? head : undefined;
}
