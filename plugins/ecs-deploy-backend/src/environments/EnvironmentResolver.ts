import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AnnotatedEnvironment,
  DEFAULT_ENVIRONMENT_NAME,
  ECS_DEPLOY_ANNOTATIONS,
  ECS_DEPLOY_SETUP_ANNOTATIONS,
  MISSING_ANNOTATIONS_MARKER,
  parseArn,
  parseCodeDeployDeploymentGroupArn,
  parseEcrRepositoryArn,
  parseEcsDeployAnnotations,
  parseEcsServiceArn,
  parsePipelineArn,
  sortByPromotionOrder,
  TagLookup,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployTagKeys } from '@ecs-deploy/plugin-ecs-deploy-node';
import { AwsGateways } from '../aws/AwsGateways';
import { DiscoveryLocation } from './discoveryLocations';
import { ResolvedEnvironment } from './ResolvedEnvironment';
import { findByTagLookup, placeTagLookupMatches } from './tagLookups';

/**
 * The message of the 404 for an entity without annotations. The frontend
 * recognises it with `isMissingAnnotationsMessage` (-common) and shows
 * setup instructions naming `ECS_DEPLOY_SETUP_ANNOTATIONS`.
 */
function missingAnnotationsMessage(entityRef: string): string {
  return `Entity ${entityRef} ${MISSING_ANNOTATIONS_MARKER}; add one of: ${ECS_DEPLOY_SETUP_ANNOTATIONS.join(
    ', ',
  )}`;
}

function fromAnnotations(
  env: AnnotatedEnvironment,
  defaultRegion: string,
): ResolvedEnvironment {
  const A = ECS_DEPLOY_ANNOTATIONS;
  const service = env.serviceArn
    ? parseEcsServiceArn(env.serviceArn)
    : undefined;
  if (env.serviceArn && !service) {
    throw new InputError(
      `Annotation ${A.serviceArnPrefix}${env.name} is not an ECS service ARN: ${env.serviceArn}`,
    );
  }
  const pipeline = env.pipelineArn
    ? parsePipelineArn(env.pipelineArn)
    : undefined;
  if (env.pipelineArn && !pipeline) {
    throw new InputError(
      `Annotation ${A.pipelineArnPrefix}${env.name} is not a CodePipeline ARN: ${env.pipelineArn}`,
    );
  }
  const ecrRepository = env.ecrRepositoryArn
    ? parseEcrRepositoryArn(env.ecrRepositoryArn)
    : undefined;
  const home = service ?? pipeline!;
  return {
    name: env.name,
    accountId: home.accountId,
    region: home.region || defaultRegion,
    ...(service ? { service } : {}),
    ...(pipeline ? { pipeline } : {}),
    ...(env.codeDeploy ? { codeDeploy: env.codeDeploy } : {}),
    ...(ecrRepository ? { ecrRepository } : {}),
    annotationKeys: env.annotationKeys,
  };
}

/**
 * The name for a lone resource without an environment tag: the entity's
 * only listed environment, the only one resolved so far, or `default`.
 */
function onlyEnvironment(
  promotionOrder: string[] | undefined,
  resolved: string[],
): string {
  if (promotionOrder?.length === 1) return promotionOrder[0];
  if (resolved.length === 1) return resolved[0];
  return DEFAULT_ENVIRONMENT_NAME;
}

/** Where tag lookups search, as config sets them. */
const LOCATION_KEYS =
  'neither ecsDeploy.discovery.locations nor aws.locator.resourceTaggingApi is configured';

/**
 * Turns an entity into its environments: annotations first, then (with
 * `ecs-deploy.io/discovery: tags`) resources found through the Tagging API
 * for environments the annotations do not name, and the services and
 * pipelines the awslabs `*-tags` annotations look up. Every lookup asks only
 * the configured locations.
 */
export class EnvironmentResolver {
  constructor(
    private readonly aws: Pick<AwsGateways, 'tagging'>,
    private readonly options: {
      discovery: DiscoveryLocation[];
      tagKeys: EcsDeployTagKeys;
      defaultRegion: string;
    },
  ) {}

  /** Throws NotFoundError naming the annotations when nothing is configured. */
  async resolve(entity: Entity): Promise<ResolvedEnvironment[]> {
    const entityRef = stringifyEntityRef(entity);
    const parsed = parseEcsDeployAnnotations(entity);
    const [invalid] = parsed.invalidAnnotations;
    if (invalid) {
      throw new InputError(
        `Annotation ${invalid.annotation} ${invalid.problem}`,
      );
    }
    const byName = new Map<string, ResolvedEnvironment>();
    for (const env of parsed.environments) {
      byName.set(env.name, fromAnnotations(env, this.options.defaultRegion));
    }

    if (parsed.discoverByTags) {
      if (!this.options.discovery.length) {
        throw new NotFoundError(
          `Entity ${entityRef} asks for tag discovery (${ECS_DEPLOY_ANNOTATIONS.discovery}: tags) but ${LOCATION_KEYS}`,
        );
      }
      // Every configured account and region, in parallel.
      const found = (
        await Promise.all(
          this.options.discovery.map(location =>
            this.aws.tagging.taggedResources(
              location,
              this.options.tagKeys,
              entityRef,
            ),
          ),
        )
      ).flat();
      for (const resource of found) {
        this.place(
          byName,
          resource.environment,
          resource.arn,
          parsed.ecrRepositoryArn,
        );
      }
    }

    if (parsed.tagLookups.length) {
      await this.lookUpByTags(
        entityRef,
        parsed.tagLookups,
        byName,
        parsed.promotionOrder,
        parsed.ecrRepositoryArn,
      );
    }

    const environments = sortByPromotionOrder(
      [...byName.values()].filter(e => e.service || e.pipeline),
      parsed.promotionOrder,
    );
    if (!environments.length) {
      throw new NotFoundError(missingAnnotationsMessage(entityRef));
    }
    return environments;
  }

  /**
   * The awslabs `*-tags` lookups, run in parallel; services are placed
   * first, so that a lone pipeline without an environment tag joins the
   * environment of a lone service.
   */
  private async lookUpByTags(
    entityRef: string,
    lookups: TagLookup[],
    byName: Map<string, ResolvedEnvironment>,
    promotionOrder: string[] | undefined,
    ecrRepositoryArn: string | undefined,
  ) {
    const { discovery, tagKeys } = this.options;
    if (!discovery.length) {
      throw new NotFoundError(
        `Entity ${entityRef} asks for a tag lookup (${lookups
          .map(l => l.annotation)
          .join(', ')}) but ${LOCATION_KEYS}`,
      );
    }
    const ordered = [...lookups].sort(
      (a, b) =>
        Number(a.resourceType !== 'ecs-service') -
        Number(b.resourceType !== 'ecs-service'),
    );
    const found = await Promise.all(
      ordered.map(lookup =>
        findByTagLookup(this.aws, discovery, lookup, tagKeys),
      ),
    );
    ordered.forEach((lookup, i) => {
      const fallback = onlyEnvironment(promotionOrder, [...byName.keys()]);
      for (const match of placeTagLookupMatches(
        lookup,
        found[i],
        fallback,
        tagKeys,
      )) {
        this.place(
          byName,
          match.environment,
          match.arn,
          ecrRepositoryArn,
          lookup.annotation,
        );
      }
    });
  }

  /**
   * Puts a found resource into its environment; `annotation` is the
   * `*-tags` annotation that found it, so that a later "not found" names it.
   */
  private place(
    byName: Map<string, ResolvedEnvironment>,
    environment: string,
    arn: string,
    ecrRepositoryArn: string | undefined,
    annotation?: string,
  ) {
    const parsedArn = parseArn(arn);
    if (!parsedArn) return;
    let env = byName.get(environment);
    const service = parseEcsServiceArn(arn);
    const pipeline = parsePipelineArn(arn);
    const repository = parseEcrRepositoryArn(arn);
    if (!env) {
      if (!service && !pipeline) return;
      env = {
        name: environment,
        accountId: parsedArn.accountId,
        region: parsedArn.region,
      };
      byName.set(environment, env);
    }
    // Annotations win: discovery only fills gaps.
    const keys = annotation ? { ...env.annotationKeys } : undefined;
    if (service && !env.service) {
      env.service = service;
      if (keys) keys.serviceArn = annotation;
    } else if (pipeline && !env.pipeline) {
      env.pipeline = pipeline;
      if (keys) keys.pipelineArn = annotation;
    } else if (repository && !env.ecrRepository) env.ecrRepository = repository;
    else if (parsedArn.service === 'codedeploy' && !env.codeDeploy) {
      const group = parseCodeDeployDeploymentGroupArn(arn);
      if (group) {
        env.codeDeploy = {
          application: group.application,
          deploymentGroup: group.deploymentGroup,
        };
      }
    }
    if (keys) env.annotationKeys = keys;
    if (!env.ecrRepository && ecrRepositoryArn) {
      env.ecrRepository = parseEcrRepositoryArn(ecrRepositoryArn);
    }
  }
}
