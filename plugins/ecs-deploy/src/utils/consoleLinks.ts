import {
  codeDeployDeploymentConsoleUrl,
  ecsServiceConsoleUrl,
  ecsTaskConsoleUrl,
  ecsTaskDefinitionConsoleUrl,
  parseDeploymentId,
  pipelineExecutionConsoleUrl,
} from '@ecs-deploy/plugin-ecs-deploy-common';

/** Where an environment's resources live, as the overview reports them. */
export type ConsoleLocation = {
  region: string;
  cluster?: string;
  serviceName?: string;
  pipelineName?: string;
};

/** The ECS service page, health tab. */
export function ecsServiceUrl(loc: ConsoleLocation): string | undefined {
  if (!loc.cluster || !loc.serviceName) {
    return undefined;
  }
  return ecsServiceConsoleUrl({
    region: loc.region,
    cluster: loc.cluster,
    serviceName: loc.serviceName,
  });
}

/** One stopped task's page. */
export function ecsTaskUrl(
  loc: ConsoleLocation,
  taskId: string,
): string | undefined {
  if (!loc.cluster) {
    return undefined;
  }
  return ecsTaskConsoleUrl({
    region: loc.region,
    cluster: loc.cluster,
    taskId,
  });
}

/** A task definition revision's page. */
export function taskDefinitionUrl(
  region: string,
  family: string,
  revision: number,
): string {
  return ecsTaskDefinitionConsoleUrl({ region, family, revision });
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
      return codeDeployDeploymentConsoleUrl({
        region: loc.region,
        deploymentId: parsed.awsId,
      });
    case 'pipeline': {
      const name = pipelineName ?? loc.pipelineName;
      return name
        ? pipelineExecutionConsoleUrl({
            region: loc.region,
            name,
            executionId: parsed.awsId,
          })
        : undefined;
    }
    case 'ecs':
      return loc.cluster && loc.serviceName
        ? ecsServiceConsoleUrl(
            {
              region: loc.region,
              cluster: loc.cluster,
              serviceName: loc.serviceName,
            },
            'deployments',
          )
        : undefined;
    default:
      return undefined;
  }
}
