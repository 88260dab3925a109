import {
  codePipelineArn,
  ecrRepositoryUri,
  ecsServiceArn,
  elbListenerArn,
  elbListenerRuleArn,
  elbLoadBalancerArn,
  iamArn,
  parseArn,
} from './arns';

const scope = (region: string) => ({ accountId: '111111111111', region });

describe('ARNs', () => {
  it('takes the partition from the region', () => {
    expect(ecsServiceArn(scope('eu-west-1'), 'shop', 'web')).toBe(
      'arn:aws:ecs:eu-west-1:111111111111:service/shop/web',
    );
    expect(ecsServiceArn(scope('cn-north-1'), 'shop', 'web')).toBe(
      'arn:aws-cn:ecs:cn-north-1:111111111111:service/shop/web',
    );
    expect(iamArn(scope('us-gov-west-1'), 'root')).toBe(
      'arn:aws-us-gov:iam::111111111111:root',
    );
    expect(ecrRepositoryUri(scope('cn-north-1'), 'web')).toBe(
      '111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/web',
    );
    expect(ecrRepositoryUri(scope('eu-west-1'), 'web')).toBe(
      '111111111111.dkr.ecr.eu-west-1.amazonaws.com/web',
    );
  });

  it('extends a load balancer ARN into its listeners and rules', () => {
    const lb = elbLoadBalancerArn(scope('eu-west-1'), 'network', 'web', 'a1');
    expect(lb).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/web/a1',
    );
    const listener = elbListenerArn(lb, 'b2');
    expect(listener).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/net/web/a1/b2',
    );
    expect(elbListenerRuleArn(listener, 'c3')).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener-rule/net/web/a1/b2/c3',
    );
  });

  it('parses typed resources and bare names', () => {
    expect(
      parseArn('arn:aws-cn:ecs:cn-north-1:111111111111:task-definition/web:3'),
    ).toEqual({
      partition: 'aws-cn',
      service: 'ecs',
      region: 'cn-north-1',
      accountId: '111111111111',
      resource: 'task-definition/web:3',
      resourceType: 'task-definition',
      path: ['web:3'],
    });
    expect(parseArn(codePipelineArn(scope('eu-west-1'), 'web-prod'))).toEqual(
      expect.objectContaining({
        service: 'codepipeline',
        resource: 'web-prod',
        resourceType: '',
      }),
    );
    expect(parseArn('web')).toBeUndefined();
  });
});
