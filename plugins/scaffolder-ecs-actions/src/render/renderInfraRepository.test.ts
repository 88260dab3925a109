import yaml from 'yaml';
import { renderInfraRepository } from './renderInfraRepository';
import { paymentsSpec } from './__fixtures__/spec';

describe('renderInfraRepository', () => {
  const files = renderInfraRepository(paymentsSpec);

  it('renders one set of deployment files per environment', () => {
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'buildspec.yml',
      'catalog-info.yaml',
      'environments/dev/appspec.yaml',
      'environments/dev/imagedefinitions.json',
      'environments/dev/taskdef.json',
      'environments/prod/appspec.yaml',
      'environments/prod/imagedefinitions.json',
      'environments/prod/taskdef.json',
    ]);
  });

  it('renders a Fargate taskdef.json with the IMAGE1_NAME placeholder', () => {
    const taskdef = JSON.parse(files['environments/prod/taskdef.json']);
    expect(taskdef).toMatchObject({
      family: 'payments-api-prod',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      executionRoleArn: 'arn:aws:iam::333333333333:role/ecsTaskExecutionRole',
      taskRoleArn: 'arn:aws:iam::333333333333:role/payments-api',
    });
    expect(taskdef.containerDefinitions).toHaveLength(1);
    expect(taskdef.containerDefinitions[0]).toMatchObject({
      name: 'payments-api',
      image: '<IMAGE1_NAME>',
      portMappings: [expect.objectContaining({ containerPort: 8080 })],
      logConfiguration: {
        logDriver: 'awslogs',
        options: expect.objectContaining({
          'awslogs-group': '/ecs/payments-api-prod',
          'awslogs-region': 'eu-west-1',
        }),
      },
    });
    const dev = JSON.parse(files['environments/dev/taskdef.json']);
    expect(dev.taskRoleArn).toBeUndefined();
  });

  it('renders an appspec.yaml with the TASK_DEFINITION placeholder, container and port', () => {
    const text = files['environments/dev/appspec.yaml'];
    expect(text).toMatch(/^version: 0\.0$/m);
    const appspec = yaml.parse(text);
    expect(appspec.Resources[0].TargetService).toEqual({
      Type: 'AWS::ECS::Service',
      Properties: {
        TaskDefinition: '<TASK_DEFINITION>',
        LoadBalancerInfo: {
          ContainerName: 'payments-api',
          ContainerPort: 8080,
        },
        PlatformVersion: 'LATEST',
      },
    });
  });

  it('renders imagedefinitions.json on the environment tag', () => {
    // staging is not among the spec's environments
    expect(files['environments/staging/imagedefinitions.json']).toBeUndefined();
    expect(
      JSON.parse(files['environments/prod/imagedefinitions.json']),
    ).toEqual([
      {
        name: 'payments-api',
        imageUri:
          '111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments-api:prod',
      },
    ]);
  });

  it('renders a buildspec that pushes the commit and environment tags and writes both image files', () => {
    const buildspec = yaml.parse(files['buildspec.yml']);
    expect(buildspec.version).toBe(0.2);
    expect(buildspec.env.variables).toMatchObject({
      REPOSITORY_URI:
        '111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments-api',
      ENVIRONMENT_TAG: 'dev',
      CONTAINER_NAME: 'payments-api',
    });
    const post: string[] = buildspec.phases.post_build.commands;
    expect(post).toContain('docker push $REPOSITORY_URI:$COMMIT_ID');
    expect(post).toContain('docker push $REPOSITORY_URI:$ENVIRONMENT_TAG');
    expect(post.some(c => c.includes('> imageDetail.json'))).toBe(true);
    expect(post.some(c => c.includes('> imagedefinitions.json'))).toBe(true);
    expect(buildspec.artifacts.files).toEqual([
      'imageDetail.json',
      'imagedefinitions.json',
    ]);
  });

  it('renders catalog-info.yaml with the suite annotations per environment', () => {
    const entity = yaml.parse(files['catalog-info.yaml']);
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api', description: 'Takes payments' },
      spec: {
        type: 'service',
        owner: 'group:default/team-payments',
        system: 'storefront',
      },
    });
    expect(entity.metadata.annotations).toEqual({
      'ecs-deploy.io/environments': 'dev,prod',
      'ecs-deploy.io/ecr-repository-arn':
        'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
      'ecs-deploy.io/service-arn.dev':
        'arn:aws:ecs:eu-west-1:111111111111:service/storefront-dev/payments-api',
      'ecs-deploy.io/pipeline-arn.dev':
        'arn:aws:codepipeline:eu-west-1:111111111111:payments-api-dev',
      'ecs-deploy.io/codedeploy.dev': 'payments-api/payments-api-dev',
      'ecs-deploy.io/service-arn.prod':
        'arn:aws:ecs:eu-west-1:333333333333:service/storefront-prod/payments-api',
      'ecs-deploy.io/pipeline-arn.prod':
        'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
    });
  });

  it('names resources in the partition of their region', () => {
    const china = renderInfraRepository({
      ...paymentsSpec,
      ecr: { ...paymentsSpec.ecr, region: 'cn-north-1' },
      environments: [{ ...paymentsSpec.environments[1], region: 'cn-north-1' }],
    });
    const { annotations } = yaml.parse(china['catalog-info.yaml']).metadata;
    expect(annotations).toMatchObject({
      'ecs-deploy.io/ecr-repository-arn':
        'arn:aws-cn:ecr:cn-north-1:111111111111:repository/payments-api',
      'ecs-deploy.io/service-arn.prod':
        'arn:aws-cn:ecs:cn-north-1:333333333333:service/storefront-prod/payments-api',
      'ecs-deploy.io/pipeline-arn.prod':
        'arn:aws-cn:codepipeline:cn-north-1:333333333333:payments-api-prod',
    });
    expect(
      JSON.parse(china['environments/prod/imagedefinitions.json'])[0].imageUri,
    ).toBe(
      '111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/payments-api:prod',
    );
  });
});
