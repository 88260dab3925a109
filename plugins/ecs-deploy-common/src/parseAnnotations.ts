import { Entity } from '@backstage/catalog-model';
import {
  ECS_DEPLOY_ANNOTATIONS,
  DEFAULT_ENVIRONMENT_NAME,
} from './annotations';
import {
  InvalidAnnotation,
  TagLookup,
  readAwslabsTagLookups,
} from './parseAnnotationsTags';

/**
 * The annotation each resource of an environment was read from, so that an
 * error about the resource can name the annotation to fix.
 *
 * @public
 */
export interface AnnotationKeys {
  /** E.g. `ecs-deploy.io/service-arn.prod` or `aws.amazon.com/amazon-ecs-service-arn`. */
  serviceArn?: string;
  pipelineArn?: string;
  codeDeploy?: string;
}

/**
 * The AWS resources one environment of an entity points at, as written in its
 * annotations. ARNs here come from the catalog, never from an HTTP client.
 *
 * @public
 */
export interface AnnotatedEnvironment {
  name: string;
  serviceArn?: string;
  pipelineArn?: string;
  codeDeploy?: { application: string; deploymentGroup: string };
  ecrRepositoryArn?: string;
  /** Where `serviceArn`, `pipelineArn` and `codeDeploy` were read from. */
  annotationKeys: AnnotationKeys;
}

/**
 * What an entity's annotations say about its deployments.
 *
 * @public
 */
export interface EcsDeployAnnotations {
  /** Environments named by annotations, in promotion order. */
  environments: AnnotatedEnvironment[];
  /** Promotion order from `ecs-deploy.io/environments`, if set. */
  promotionOrder?: string[];
  /** True when `ecs-deploy.io/discovery: tags` asks for Tagging API discovery. */
  discoverByTags: boolean;
  /** Repository for every environment without an override. */
  ecrRepositoryArn?: string;
  /** Services and pipelines to find by the awslabs `*-tags` annotations. */
  tagLookups: TagLookup[];
  /** Annotations present but unusable; empty when all are fine. */
  invalidAnnotations: InvalidAnnotation[];
}

function splitList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

function parseCodeDeploy(value: string) {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return undefined;
  return {
    application: value.slice(0, slash).trim(),
    deploymentGroup: value.slice(slash + 1).trim(),
  };
}

/**
 * Reads the ECS Deploy annotations of an entity.
 *
 * Environments are ordered by `ecs-deploy.io/environments` when given (names
 * not listed there follow alphabetically). The awslabs annotations are read
 * only when the entity uses neither the suite's per-environment ARNs nor tag
 * discovery: they name one service, and next to the suite's keys (which the
 * scaffolder once wrote alongside them) they would add an environment that
 * does not exist. They map to the single environment named in
 * `ecs-deploy.io/environments`, or `default`. Their `*-tags` forms (by the
 * same rule) become `tagLookups`; an ARN and a tags annotation for the same
 * kind of resource, or a tags value that is not `<key>=<value>,...`, is an
 * invalid annotation (the awslabs plugins refuse both too).
 *
 * @public
 */
export function parseEcsDeployAnnotations(
  entity: Entity,
): EcsDeployAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const byName = new Map<string, AnnotatedEnvironment>();
  const env = (name: string) => {
    let e = byName.get(name);
    if (!e) {
      e = { name, annotationKeys: {} };
      byName.set(name, e);
    }
    return e;
  };
  const A = ECS_DEPLOY_ANNOTATIONS;
  const repoPrefix = `${A.ecrRepositoryArn}.`;

  for (const [key, raw] of Object.entries(annotations)) {
    const value = raw?.trim();
    if (!value) continue;
    if (key.startsWith(A.serviceArnPrefix)) {
      const e = env(key.slice(A.serviceArnPrefix.length));
      e.serviceArn = value;
      e.annotationKeys.serviceArn = key;
    } else if (key.startsWith(A.pipelineArnPrefix)) {
      const e = env(key.slice(A.pipelineArnPrefix.length));
      e.pipelineArn = value;
      e.annotationKeys.pipelineArn = key;
    } else if (key.startsWith(A.codeDeployPrefix)) {
      const parsed = parseCodeDeploy(value);
      if (parsed) {
        const e = env(key.slice(A.codeDeployPrefix.length));
        e.codeDeploy = parsed;
        e.annotationKeys.codeDeploy = key;
      }
    } else if (key.startsWith(repoPrefix)) {
      env(key.slice(repoPrefix.length)).ecrRepositoryArn = value;
    }
  }

  const promotionOrder = splitList(annotations[A.environments]);
  const discoverByTags = annotations[A.discovery]?.trim() === 'tags';
  const ownScheme =
    discoverByTags ||
    [...byName.values()].some(e => e.serviceArn || e.pipelineArn);
  const { tagLookups, invalidAnnotations } = ownScheme
    ? { tagLookups: [], invalidAnnotations: [] }
    : readAwslabsTagLookups(annotations);
  const awslabsService = annotations[A.awslabsServiceArn]?.trim();
  const awslabsPipeline = annotations[A.awslabsPipelineArn]?.trim();
  if (
    !ownScheme &&
    !invalidAnnotations.length &&
    (awslabsService || awslabsPipeline)
  ) {
    const e = env(
      promotionOrder?.length === 1
        ? promotionOrder[0]
        : DEFAULT_ENVIRONMENT_NAME,
    );
    if (awslabsService) {
      e.serviceArn = awslabsService;
      e.annotationKeys.serviceArn = A.awslabsServiceArn;
    }
    if (awslabsPipeline) {
      e.pipelineArn = awslabsPipeline;
      e.annotationKeys.pipelineArn = A.awslabsPipelineArn;
    }
  }

  const ecrRepositoryArn = annotations[A.ecrRepositoryArn]?.trim() || undefined;
  const environments = sortByPromotionOrder(
    [...byName.values()].filter(e => e.serviceArn || e.pipelineArn),
    promotionOrder,
  ).map(e => ({
    ...e,
    ecrRepositoryArn: e.ecrRepositoryArn ?? ecrRepositoryArn,
  }));

  return {
    environments,
    promotionOrder,
    discoverByTags,
    ecrRepositoryArn,
    tagLookups,
    invalidAnnotations,
  };
}

/**
 * The usual order of environment names, for an entity that states none (its
 * environments found by tags): development before test before staging
 * before production.
 */
const CONVENTIONAL_ORDER = [
  'dev',
  'development',
  'test',
  'qa',
  'uat',
  'stage',
  'staging',
  'preprod',
  'pre-prod',
  'prod',
  'production',
];

/**
 * Orders items with a `name` by a promotion order; unknown names go last,
 * alphabetically. Without an order, the conventional names come first in
 * their usual order (`dev`, `test`, `qa`, `staging`, `prod`, ...).
 *
 * @public
 */
export function sortByPromotionOrder<T extends { name: string }>(
  items: T[],
  promotionOrder?: string[],
): T[] {
  const stated = !!promotionOrder?.length;
  const order = stated ? promotionOrder! : CONVENTIONAL_ORDER;
  const rank = (name: string) => {
    const i = order.indexOf(stated ? name : name.toLowerCase());
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...items].sort(
    (a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name),
  );
}

/**
 * True when the entity carries any annotation the ECS Deploy plugins can use.
 * The frontend uses it for `isEcsDeployAvailable`.
 *
 * @public
 */
export function hasEcsDeployAnnotations(entity: Entity): boolean {
  const parsed = parseEcsDeployAnnotations(entity);
  return (
    parsed.discoverByTags ||
    parsed.environments.length > 0 ||
    parsed.tagLookups.length > 0 ||
    // Shown, so that the backend's answer says what to fix.
    parsed.invalidAnnotations.length > 0
  );
}
