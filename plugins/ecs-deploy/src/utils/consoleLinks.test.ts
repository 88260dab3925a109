import { deploymentUrl, ecsServiceUrl, ecsTaskUrl } from './consoleLinks';

const loc = {
  region: 'eu-west-1',
  cluster: 'storefront-prod',
  serviceName: 'payments-api',
  pipelineName: 'payments-api-prod',
};

describe('console links', () => {
  it('links a CodeDeploy deployment', () => {
    expect(deploymentUrl(loc, 'codedeploy:d-ABC123')).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/deployments/d-ABC123?region=eu-west-1',
    );
  });

  it('links a pipeline execution under its pipeline', () => {
    expect(deploymentUrl(loc, 'pipeline:1a2b-3c')).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-api-prod/executions/1a2b-3c/timeline?region=eu-west-1',
    );
    expect(
      deploymentUrl({ region: 'eu-west-1' }, 'pipeline:1a2b-3c'),
    ).toBeUndefined();
  });

  it('links ECS deployments, the service and tasks', () => {
    expect(deploymentUrl(loc, 'ecs:ecs-svc-1')).toContain(
      '/ecs/v2/clusters/storefront-prod/services/payments-api/deployments',
    );
    expect(ecsServiceUrl(loc)).toContain(
      '/clusters/storefront-prod/services/payments-api/health',
    );
    expect(ecsTaskUrl(loc, 'abc')).toContain('/tasks/abc/configuration');
  });

  it('links the console of the region’s partition', () => {
    expect(
      deploymentUrl({ ...loc, region: 'cn-north-1' }, 'codedeploy:d-ABC123'),
    ).toBe(
      'https://console.amazonaws.cn/codesuite/codedeploy/deployments/d-ABC123?region=cn-north-1',
    );
    expect(ecsServiceUrl({ ...loc, region: 'us-gov-west-1' })).toMatch(
      /^https:\/\/console\.amazonaws-us-gov\.com\/ecs\/v2\/clusters\//,
    );
  });

  it('gives no link for a malformed id', () => {
    expect(deploymentUrl(loc, 'nonsense')).toBeUndefined();
  });
});
