/**
 * Annotation keys understood by the ECS Deploy plugins.
 *
 * Per-environment keys are written as `<prefix>.<environment>`, for example
 * `ecs-deploy.io/service-arn.prod`.
 *
 * @public
 */
export const ECS_DEPLOY_ANNOTATIONS = {
  /** Prefix of `ecs-deploy.io/service-arn.<env>`: the ECS service ARN of an environment. */
  serviceArnPrefix: 'ecs-deploy.io/service-arn.',
  /** Prefix of `ecs-deploy.io/pipeline-arn.<env>`: the CodePipeline ARN of an environment. */
  pipelineArnPrefix: 'ecs-deploy.io/pipeline-arn.',
  /** Prefix of `ecs-deploy.io/codedeploy.<env>`: `<application>/<deploymentGroup>`. */
  codeDeployPrefix: 'ecs-deploy.io/codedeploy.',
  /** ECR repository ARN for all environments; `.<env>` overrides per environment. */
  ecrRepositoryArn: 'ecs-deploy.io/ecr-repository-arn',
  /** Comma separated environment names in promotion order, e.g. `dev,staging,prod`. */
  environments: 'ecs-deploy.io/environments',
  /** `tags`: discover the resources through the Resource Groups Tagging API. */
  discovery: 'ecs-deploy.io/discovery',
  /** awslabs plugin annotation: a single ECS service ARN. */
  awslabsServiceArn: 'aws.amazon.com/amazon-ecs-service-arn',
  /** awslabs plugin annotation: a single CodePipeline ARN. */
  awslabsPipelineArn: 'aws.amazon.com/aws-codepipeline-arn',
  /**
   * awslabs plugin annotation: `<key>=<value>,<key>=<value>`; the ECS
   * services carrying all of these tags, found through the Tagging API.
   */
  awslabsServiceTags: 'aws.amazon.com/amazon-ecs-service-tags',
  /**
   * awslabs plugin annotation: `<key>=<value>,...`; the CodePipeline
   * pipelines carrying all of these tags.
   */
  awslabsPipelineTags: 'aws.amazon.com/aws-codepipeline-tags',
} as const;

/**
 * Environment name used for the awslabs single-service annotations when the
 * entity does not name its environments.
 *
 * @public
 */
export const DEFAULT_ENVIRONMENT_NAME = 'default';

/**
 * The annotations an entity needs at least one of; the frontend shows these
 * in its setup instructions and the backend names them in its 404.
 *
 * @public
 */
export const ECS_DEPLOY_SETUP_ANNOTATIONS: readonly string[] = [
  `${ECS_DEPLOY_ANNOTATIONS.serviceArnPrefix}<environment>`,
  `${ECS_DEPLOY_ANNOTATIONS.discovery}: tags`,
  ECS_DEPLOY_ANNOTATIONS.awslabsServiceArn,
  `${ECS_DEPLOY_ANNOTATIONS.awslabsServiceTags}: <key>=<value>,...`,
  `${ECS_DEPLOY_ANNOTATIONS.awslabsPipelineTags}: <key>=<value>,...`,
];

/**
 * Text in the message of the backend's 404 for an entity without any ECS
 * Deploy annotation, so a client can tell it from other 404s and show setup
 * instructions instead of an error.
 *
 * @public
 */
export const MISSING_ANNOTATIONS_MARKER = 'has no ECS deployment annotations';

/**
 * True when an error message is the backend's "no annotations" 404.
 *
 * @public
 */
export function isMissingAnnotationsMessage(message: string): boolean {
  return message.includes(MISSING_ANNOTATIONS_MARKER);
}
