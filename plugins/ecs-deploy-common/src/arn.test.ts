import {
  parseArn,
  parseEcsServiceArn,
  parsePipelineArn,
  parseEcrRepositoryArn,
} from './arn';

describe('ARN parsing', () => {
  it('parses the parts of an ARN', () => {
    expect(parseArn('arn:aws:ecs:eu-west-1:111111111111:service/c/s')).toEqual({
      partition: 'aws',
      service: 'ecs',
      region: 'eu-west-1',
      accountId: '111111111111',
      resource: 'service/c/s',
      resourceParts: ['service', 'c', 's'],
    });
    expect(parseArn('not-an-arn')).toBeUndefined();
  });

  it('parses new and old ECS service ARNs', () => {
    expect(
      parseEcsServiceArn('arn:aws:ecs:eu-west-1:111111111111:service/c/s'),
    ).toMatchObject({
      cluster: 'c',
      serviceName: 's',
      accountId: '111111111111',
    });
    expect(
      parseEcsServiceArn('arn:aws:ecs:eu-west-1:111111111111:service/s'),
    ).toMatchObject({ cluster: 'default', serviceName: 's' });
    expect(
      parseEcsServiceArn('arn:aws:ecs:eu-west-1:111111111111:task/c/x'),
    ).toBeUndefined();
    expect(
      parseEcsServiceArn('arn:aws:codepipeline:eu-west-1:1:service/c/s'),
    ).toBeUndefined();
  });

  it('parses pipeline and repository ARNs', () => {
    expect(
      parsePipelineArn('arn:aws:codepipeline:eu-west-1:111111111111:p-dev'),
    ).toMatchObject({ name: 'p-dev', region: 'eu-west-1' });
    expect(
      parseEcrRepositoryArn(
        'arn:aws:ecr:eu-west-1:111111111111:repository/a/b',
      ),
    ).toMatchObject({ name: 'a/b' });
    expect(
      parseEcrRepositoryArn('arn:aws:ecr:eu-west-1:111111111111:other/a'),
    ).toBeUndefined();
  });
});
