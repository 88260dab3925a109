import {
  ContainerImage,
  TaskDefinitionRef,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/** `arn:...:task-definition/family:12` (or `family:12`) as a reference. */
export function taskDefinitionRef(
  arn: string | undefined,
): TaskDefinitionRef | undefined {
  if (!arn) return undefined;
  const tail = arn.split('/').pop() ?? arn;
  const colon = tail.lastIndexOf(':');
  if (colon === -1) return undefined;
  const revision = Number(tail.slice(colon + 1));
  if (!Number.isInteger(revision)) return undefined;
  return { arn, family: tail.slice(0, colon), revision };
}

/**
 * Splits an image reference into repository, tag and digest:
 * `111.dkr.ecr.eu-west-1.amazonaws.com/payments-api:3f2a1bc` or
 * `repo@sha256:...`.
 */
export function parseImage(
  containerName: string,
  uri: string,
  runtimeDigest?: string,
): ContainerImage {
  let rest = uri;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const repository = rest.slice(lastSlash + 1) || undefined;
  return {
    containerName,
    uri,
    repository,
    tag,
    digest: digest ?? runtimeDigest,
  };
}

/** The task definition named in a CodeDeploy appspec (JSON or YAML). */
export function taskDefinitionFromAppSpec(
  content: string | undefined,
): string | undefined {
  if (!content) return undefined;
  const match = /["']?TaskDefinition["']?\s*:\s*["']?([^"'\s,}]+)/.exec(
    content,
  );
  return match?.[1];
}
