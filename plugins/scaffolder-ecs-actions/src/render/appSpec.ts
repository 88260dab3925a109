import yaml from 'yaml';

/**
 * `appspec.yaml` for CodeDeploy's ECS blue/green: CodeDeploy puts the ARN of
 * the task definition the pipeline registered in place of `<TASK_DEFINITION>`
 * and routes the load balancer to this container and port.
 *
 * @public
 */
export function renderAppSpec(opts: {
  containerName: string;
  containerPort: number;
}): string {
  const doc = {
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: '<TASK_DEFINITION>',
            LoadBalancerInfo: {
              ContainerName: opts.containerName,
              ContainerPort: opts.containerPort,
            },
            PlatformVersion: 'LATEST',
          },
        },
      },
    ],
  };
  // `version: 0.0` must stay a number with one decimal, as AWS's examples write it.
  return yaml.stringify(doc).replace(/^version: 0$/m, 'version: 0.0');
}
