import {
  codeDeployDeploymentConsoleUrl,
  codeDeployGroupConsoleUrl,
  consoleHost,
  ecrImageConsoleUrl,
  ecrRepositoryConsoleUrl,
  ecsServiceConsoleUrl,
  ecsTaskConsoleUrl,
  ecsTaskDefinitionConsoleUrl,
  loadBalancerConsoleUrl,
  pipelineConsoleUrl,
  pipelineExecutionConsoleUrl,
  targetGroupConsoleUrl,
} from './consoleUrls';

describe('console URLs', () => {
  it.each([
    ['eu-west-1', 'eu-west-1.console.aws.amazon.com'],
    ['cn-north-1', 'console.amazonaws.cn'],
    ['us-gov-west-1', 'console.amazonaws-us-gov.com'],
  ])('uses the console of %s: %s', (region, host) => {
    expect(consoleHost(region)).toBe(host);
    expect(pipelineConsoleUrl({ region, name: 'payments-api-prod' })).toBe(
      `https://${host}/codesuite/codepipeline/pipelines/payments-api-prod/view?region=${region}`,
    );
  });

  const region = 'eu-west-1';
  const base = 'https://eu-west-1.console.aws.amazon.com';
  const service = {
    region,
    cluster: 'storefront-prod',
    serviceName: 'payments-api',
  };

  it.each([
    [
      'ECS service',
      ecsServiceConsoleUrl(service),
      '/ecs/v2/clusters/storefront-prod/services/payments-api/health?region=eu-west-1',
    ],
    [
      'ECS service deployments',
      ecsServiceConsoleUrl(service, 'deployments'),
      '/ecs/v2/clusters/storefront-prod/services/payments-api/deployments?region=eu-west-1',
    ],
    [
      'ECS task',
      ecsTaskConsoleUrl({ region, cluster: 'storefront-prod', taskId: 'abc' }),
      '/ecs/v2/clusters/storefront-prod/tasks/abc/configuration?region=eu-west-1',
    ],
    [
      'task definition',
      ecsTaskDefinitionConsoleUrl({
        region,
        family: 'payments-api',
        revision: 7,
      }),
      '/ecs/v2/task-definitions/payments-api/7/containers?region=eu-west-1',
    ],
    [
      'target group',
      targetGroupConsoleUrl({ region, arn: 'arn:aws:tg' }),
      '/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=arn:aws:tg',
    ],
    [
      'load balancer',
      loadBalancerConsoleUrl({ region, arn: 'arn:aws:lb' }),
      '/ec2/home?region=eu-west-1#LoadBalancer:loadBalancerArn=arn:aws:lb',
    ],
    [
      'CodeDeploy group',
      codeDeployGroupConsoleUrl({
        region,
        application: 'payments-api-prod',
        deploymentGroup: 'payments-api-prod-dg',
      }),
      '/codesuite/codedeploy/applications/payments-api-prod/deployment-groups/payments-api-prod-dg?region=eu-west-1',
    ],
    [
      'CodeDeploy deployment',
      codeDeployDeploymentConsoleUrl({ region, deploymentId: 'd-ABC123' }),
      '/codesuite/codedeploy/deployments/d-ABC123?region=eu-west-1',
    ],
    [
      'pipeline execution',
      pipelineExecutionConsoleUrl({
        region,
        name: 'payments-api-prod',
        executionId: '1a2b-3c',
      }),
      '/codesuite/codepipeline/pipelines/payments-api-prod/executions/1a2b-3c/timeline?region=eu-west-1',
    ],
    [
      'ECR repository',
      ecrRepositoryConsoleUrl({
        region,
        accountId: '111111111111',
        name: 'team/payments-api',
      }),
      '/ecr/repositories/private/111111111111/team/payments-api?region=eu-west-1',
    ],
    [
      'ECR image',
      ecrImageConsoleUrl({
        region,
        accountId: '111111111111',
        name: 'payments-api',
        digest: 'sha256:abc',
      }),
      '/ecr/repositories/private/111111111111/payments-api/_/image/sha256:abc/details?region=eu-west-1',
    ],
  ])('links the %s page', (_page, url, path) => {
    expect(url).toBe(`${base}${path}`);
  });

  it('encodes names in paths', () => {
    expect(
      ecsServiceConsoleUrl({ region, cluster: 'a b', serviceName: 's#1' }),
    ).toContain('/clusters/a%20b/services/s%231/health');
  });
});
