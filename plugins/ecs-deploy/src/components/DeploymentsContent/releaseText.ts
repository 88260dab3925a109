import {
  DeploymentStatus,
  DeploymentSummary,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { shortCommit, shortDigest } from '../../utils/format';

/** How many characters of an AWS id a row shows (the full id on hover and in the detail). */
const SHORT_ID_LENGTH = 8;

/** The AWS part of a history id (`pipeline:67c5a91d-11e6-…` → `67c5a91d-11e6-…`). */
export function awsIdOf(historyId: string): string {
  return historyId.slice(historyId.indexOf(':') + 1);
}

/** The first characters of the AWS id, as a row shows it: `67c5a91d`. */
export function shortId(historyId: string): string {
  return awsIdOf(historyId).slice(0, SHORT_ID_LENGTH);
}

/** What a row's kind of entry is called. */
export const KIND_NAMES: Record<DeploymentSummary['kind'], string> = {
  pipeline: 'Pipeline run',
  codedeploy: 'CodeDeploy',
  ecs: 'ECS',
};

/**
 * The deployments a row stands for: a release's (the pipeline execution's
 * deployments), or the row itself when it is a deployment.
 */
export function deploymentsOf(d: DeploymentSummary): DeploymentSummary[] {
  if (d.kind !== 'pipeline') return [d];
  return d.deployments ?? [];
}

/**
 * What was deployed: the image (tag and digest) and the commits, the app's
 * before the infrastructure repository's ("app 3ed9bd7 · infra 1a2b3c4";
 * one commit alone reads "commit 3ed9bd7"). A release's own trigger first,
 * then its deployments'.
 */
export function changeText(d: DeploymentSummary): string {
  const triggers = [d, ...(d.deployments ?? [])].map(x => x.trigger);
  const pick = <
    K extends 'imageTag' | 'imageDigest' | 'commitId' | 'appCommitId',
  >(
    key: K,
  ) => triggers.find(t => t[key])?.[key];
  const tag = pick('imageTag');
  const digest = shortDigest(pick('imageDigest'));
  const app = pick('appCommitId');
  const infra = pick('commitId');
  const image = [tag, digest && `@${digest}`].filter(Boolean).join(' ');
  let commits: string | undefined;
  if (app && infra && app !== infra) {
    commits = `app ${shortCommit(app)} · infra ${shortCommit(infra)}`;
  } else if (app || infra) {
    commits = `commit ${shortCommit(app ?? infra)}`;
  }
  return [image && `image ${image}`, commits].filter(Boolean).join(', ') || '–';
}

/** Words people say for "who": the session name of a role ARN, the last part of another. */
export function actorText(actor: string): string {
  if (!actor.startsWith('arn:')) {
    return actor;
  }
  const resource = actor.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1) || actor;
}

/**
 * Who or what started the row: "by priya.patel via payments-api-prod",
 * "via payments-api-staging", "by jane", "rollback of d-8DH3TW6O",
 * "autoscaling". A deployment no pipeline started says who did.
 */
export function startedByText(d: DeploymentSummary): string {
  const { trigger } = d;
  const actor = trigger.actor && actorText(trigger.actor);
  switch (trigger.kind) {
    case 'rollback':
      return d.rollback?.ofDeploymentId
        ? `rollback of ${shortId(d.rollback.ofDeploymentId)}`
        : 'rollback';
    case 'autoscaling':
      return 'autoscaling';
    case 'user':
      return (
        [actor && `by ${actor}`, d.pipelineName && `via ${d.pipelineName}`]
          .filter(Boolean)
          .join(' ') || 'a user'
      );
    case 'pipeline':
      return `via ${d.pipelineName ?? actor ?? 'pipeline'}`;
    default:
      // AWS records no starter of an ECS service deployment; one a
      // pipeline started would be inside its release.
      return (
        actor ||
        trigger.detail ||
        (d.kind === 'pipeline' ? 'unknown' : 'outside a pipeline')
      );
  }
}

const TRAFFIC_OUTCOMES: Partial<Record<DeploymentStatus, string>> = {
  PENDING: 'traffic not moved yet',
  IN_PROGRESS: 'shifting traffic',
  WAITING: 'waiting to reroute traffic',
  BAKING: 'traffic on the new revision, original kept',
  SUCCEEDED: 'traffic on the new revision',
  FAILED: 'traffic stayed on the previous revision',
  STOPPED: 'stopped, traffic on the previous revision',
  ROLLING_BACK: 'rolling traffic back',
  ROLLED_BACK: 'traffic back on the previous revision',
  SUPERSEDED: 'superseded by a newer deployment',
};

/** Where a deployment left production traffic, by its status. */
export function trafficOutcomeText(d: DeploymentSummary): string {
  return TRAFFIC_OUTCOMES[d.status] ?? d.awsStatus;
}

/**
 * The task definition revision a row deployed ("payments-api:11 → :12"): a
 * release's from its deployments (first from, last to).
 */
export function revisionText(d: DeploymentSummary): string {
  const deployments = deploymentsOf(d);
  const fromRef =
    deployments.find(x => x.taskDefinitionFrom)?.taskDefinitionFrom ??
    d.taskDefinitionFrom;
  const toRef =
    [...deployments].reverse().find(x => x.taskDefinitionTo)
      ?.taskDefinitionTo ?? d.taskDefinitionTo;
  const from = fromRef ? `:${fromRef.revision}` : '';
  const to = toRef ? `:${toRef.revision}` : '';
  const family = toRef?.family ?? fromRef?.family;
  if (!family) return '–';
  return from && to ? `${family}${from} → ${to}` : `${family}${from || to}`;
}
