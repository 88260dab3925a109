import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EnvironmentsResponse,
  TrafficResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { createHash } from 'node:crypto';
import { CacheClass, ClassedCache } from '../cache/ClassedCache';

/*
 * Whole answers that every viewer of an entity gets alike (the overview
 * strip, the traffic), cached as one value: a warm request then costs one
 * memory lookup instead of composing the answer from a dozen cached parts,
 * and the routes send the JSON of that one frozen value, serialized once
 * (sendJson.ts). The parts keep their own lifetimes; the answer lives as
 * long as what it shows allows.
 */

/**
 * What the entity's environments resolve from: the same ref with other
 * annotations (an edited catalog-info.yaml) is another answer.
 */
function fingerprint(entity: Entity): string {
  return createHash('sha1')
    .update(JSON.stringify(entity.metadata.annotations ?? {}))
    .digest('base64url')
    .slice(0, 16);
}

export const answerKeys = {
  overviews: (entity: Entity) =>
    `answer:overviews:${stringifyEntityRef(entity)}:${fingerprint(entity)}`,
  traffic: (entity: Entity, environment?: string) =>
    `answer:traffic:${stringifyEntityRef(entity)}:${
      environment ?? '*'
    }:${fingerprint(entity)}`,
};

/**
 * An overview with an unreadable environment is not kept (the next read
 * tries again); one where something deploys or waits, briefly; one at rest,
 * as long as the state at rest it is made of.
 */
export function classOfOverviews(answer: EnvironmentsResponse): CacheClass {
  if (answer.environments.some(e => e.error)) return 'none';
  return answer.environments.some(
    e => e.deploymentInProgress || e.waitingForAction,
  )
    ? 'active'
    : 'idle';
}

/** Weights may move at any time: traffic is kept briefly, errors not at all. */
export function classOfTraffic(answer: TrafficResponse): CacheClass {
  return answer.environments.some(e => e.error) ? 'none' : 'active';
}

/**
 * Forgets the entity's answers that show the environments (all of them, and
 * each named one): the portal acted there.
 */
export async function forgetAnswers(
  cache: ClassedCache,
  entity: Entity,
  environments: string[],
): Promise<void> {
  await Promise.all(
    [
      answerKeys.overviews(entity),
      answerKeys.traffic(entity),
      ...environments.map(name => answerKeys.traffic(entity, name)),
    ].map(key => cache.forget(key)),
  );
}
