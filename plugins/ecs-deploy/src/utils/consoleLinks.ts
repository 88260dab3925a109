import { parseDeploymentId } from '@ecs-deploy/plugin-ecs-deploy-common';

/** Where an environment's resources live, as the overview reports them. */
export type ConsoleLocation = {
  region: string;
  cluster?: string;
  serviceName?: string;
  pipelineName?: string;
};

function consoleBase(region: string): string {
  return `https://${region}.console.aws.amazon.com`;
}

function q(region: string): string {
  return `?region=${encodeURIComponent(region)}`;
}

const e = encodeURIComponent;

/** The ECS service page, health tab. */
export function ecsServiceUrl(loc: ConsoleLocation): string | undefined {
  if (!loc.cluster || !loc.serviceName) {
    return undefined;
  }
  return `${consoleBase(loc.region)}/ecs/v2/clusters/${e(
    loc.cluster,
  )}/services/${e(loc.serviceName)}/health${q(loc.region)}`;
}

/** One stopped task's page. */
export function ecsTaskUrl(
  loc: ConsoleLocation,
  taskId: string,
): string | undefined {
  if (!loc.cluster) {
    return undefined;
  }
  return `${consoleBase(loc.region)}/ecs/v2/clusters/${e(
    loc.cluster,
  )}/tasks/${e(taskId)}/configuration${q(loc.region)}`;
}

/** A task definition revision's page. */
export function taskDefinitionUrl(
  region: string,
  family: string,
  revision: number,
): string {
  return `${consoleBase(region)}/ecs/v2/task-definitions/${e(
    family,
  )}/${revision}/containers${q(region)}`;
}

/** A pipeline's page. */
export function pipelineUrl(region: string, pipelineName: string): string {
  return `${consoleBase(region)}/codesuite/codepipeline/pipelines/${e(
    pipelineName,
  )}/view${q(region)}`;
}

/**
 * The console page of a history entry: the CodeDeploy deployment, the
 * pipeline execution, or the ECS service's deployments tab.
 */
export function deploymentUrl(
  loc: ConsoleLocation,
  historyId: string,
  pipelineName?: string,
): string | undefined {
  const parsed = parseDeploymentId(historyId);
  if (!parsed) {
    return undefined;
  }
  switch (parsed.kind) {
    case 'codedeploy':
      return `${consoleBase(loc.region)}/codesuite/codedeploy/deployments/${e(
        parsed.awsId,
      )}${q(loc.region)}`;
    case 'pipeline': {
      const name = pipelineName ?? loc.pipelineName;
      return name
        ? `${consoleBase(loc.region)}/codesuite/codepipeline/pipelines/${e(
            name,
          )}/executions/${e(parsed.awsId)}/timeline${q(loc.region)}`
        : undefined;
    }
    case 'ecs':
      return loc.cluster && loc.serviceName
        ? `${consoleBase(loc.region)}/ecs/v2/clusters/${e(
            loc.cluster,
          )}/services/${e(loc.serviceName)}/deployments${q(loc.region)}`
        : undefined;
    default:
      return undefined;
  }
}
