import {
  AnnotationKeys,
  EcrRepositoryRef,
  EcsServiceRef,
  PipelineRef,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * One environment of an entity with every AWS resource resolved, from
 * annotations or tags. Everything the backend touches comes from here, never
 * from the HTTP request.
 */
export interface ResolvedEnvironment {
  name: string;
  accountId: string;
  region: string;
  service?: EcsServiceRef;
  pipeline?: PipelineRef;
  codeDeploy?: { application: string; deploymentGroup: string };
  ecrRepository?: EcrRepositoryRef;
  /** The annotations the resources came from; a discovered one has none. */
  annotationKeys?: AnnotationKeys;
}
