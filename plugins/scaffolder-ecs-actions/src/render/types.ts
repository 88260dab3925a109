/**
 * One environment of a new service, as the infrastructure repository and the
 * actions describe it.
 *
 * @public
 */
export interface ServiceEnvironmentSpec {
  /** Environment name, also the ECR tag its pipeline watches. */
  name: string;
  accountId: string;
  region: string;
  cluster: string;
  executionRoleArn: string;
  taskRoleArn?: string;
  /** `codedeploy`: CODE_DEPLOY controller; `ecs`: ECS controller (rolling or native blue/green). */
  deployment: 'codedeploy' | 'ecs';
  /** CodeDeploy application and deployment group, when `deployment` is `codedeploy`. */
  codeDeploy?: { application: string; deploymentGroup: string };
  pipelineName: string;
}

/**
 * Everything the infrastructure repository of a service is rendered from.
 *
 * @public
 */
export interface InfraRepositorySpec {
  /** Component name; also the ECS service, container and ECR repository name. */
  name: string;
  /** Catalog namespace of the component; default `default`. */
  namespace?: string;
  /** Entity ref of the owner, e.g. `group:default/team-payments`. */
  owner: string;
  system?: string;
  description?: string;
  lifecycle?: string;
  containerPort: number;
  cpu: string;
  memory: string;
  ecr: { accountId: string; region: string; repositoryName: string };
  /** In promotion order. */
  environments: ServiceEnvironmentSpec[];
  /** Where the repository lives, for `backstage.io/source-location`. */
  sourceLocation?: string;
}
