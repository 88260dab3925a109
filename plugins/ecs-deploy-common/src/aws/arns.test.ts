import { arnResourceId, formatArn, parseArn, partitionOfArn } from './arns';
import {
  codeDeployApplicationArn,
  codeDeployDeploymentGroupArn,
  parseCodeDeployApplicationArn,
  parseCodeDeployDeploymentGroupArn,
} from './codeDeployArns';
import { ecrRepositoryArn, parseEcrRepositoryArn } from './ecrArns';
import {
  ecsClusterArn,
  ecsServiceArn,
  ecsServiceDeploymentArn,
  ecsTaskDefinitionArn,
  parseEcsClusterArn,
  parseEcsServiceArn,
  parseEcsServiceDeploymentArn,
  parseEcsTaskDefinitionArn,
} from './ecsArns';
import {
  listenerArn,
  listenerRuleArn,
  loadBalancerArn,
  parseListenerArn,
  parseListenerRuleArn,
  parseLoadBalancerArn,
  parseTargetGroupArn,
  targetGroupArn,
} from './elbArns';
import { parsePipelineArn, pipelineArn } from './pipelineArns';

const partitions = [
  { region: 'eu-west-1', partition: 'aws' },
  { region: 'cn-north-1', partition: 'aws-cn' },
  { region: 'us-gov-west-1', partition: 'aws-us-gov' },
];
const accountId = '111111111111';
const lb = {
  loadBalancerType: 'app',
  loadBalancerName: 'payments-api-prod',
  loadBalancerId: '50dc6c495c0c9188',
};

/** Each kind: its fields, the resource part of its ARN, build and parse. */
const kinds = [
  {
    kind: 'ECS cluster',
    fields: { cluster: 'storefront-prod' },
    resource: 'cluster/storefront-prod',
    build: ecsClusterArn,
    parse: parseEcsClusterArn,
  },
  {
    kind: 'ECS service',
    fields: { cluster: 'storefront-prod', serviceName: 'payments-api' },
    resource: 'service/storefront-prod/payments-api',
    build: ecsServiceArn,
    parse: parseEcsServiceArn,
  },
  {
    kind: 'task definition',
    fields: { family: 'payments-api', revision: 12 },
    resource: 'task-definition/payments-api:12',
    build: ecsTaskDefinitionArn,
    parse: parseEcsTaskDefinitionArn,
  },
  {
    kind: 'service deployment',
    fields: {
      cluster: 'storefront-prod',
      serviceName: 'payments-api',
      id: 'r6pqHNwE2sLXb8hZkS4nK',
    },
    resource:
      'service-deployment/storefront-prod/payments-api/r6pqHNwE2sLXb8hZkS4nK',
    build: ecsServiceDeploymentArn,
    parse: parseEcsServiceDeploymentArn,
  },
  {
    kind: 'CodeDeploy application',
    fields: { application: 'payments-api-prod' },
    resource: 'application:payments-api-prod',
    build: codeDeployApplicationArn,
    parse: parseCodeDeployApplicationArn,
  },
  {
    kind: 'CodeDeploy deployment group',
    fields: {
      application: 'payments-api-prod',
      deploymentGroup: 'payments-api-prod-dg',
    },
    resource: 'deploymentgroup:payments-api-prod/payments-api-prod-dg',
    build: codeDeployDeploymentGroupArn,
    parse: parseCodeDeployDeploymentGroupArn,
  },
  {
    kind: 'pipeline',
    fields: { name: 'payments-api-prod' },
    resource: 'payments-api-prod',
    build: pipelineArn,
    parse: parsePipelineArn,
  },
  {
    kind: 'ECR repository',
    fields: { name: 'team/payments-api' },
    resource: 'repository/team/payments-api',
    build: ecrRepositoryArn,
    parse: parseEcrRepositoryArn,
  },
  {
    kind: 'load balancer',
    fields: lb,
    resource: 'loadbalancer/app/payments-api-prod/50dc6c495c0c9188',
    build: loadBalancerArn,
    parse: parseLoadBalancerArn,
  },
  {
    kind: 'listener',
    fields: { ...lb, listenerId: 'f2f7dc8efc522ab2' },
    resource:
      'listener/app/payments-api-prod/50dc6c495c0c9188/f2f7dc8efc522ab2',
    build: listenerArn,
    parse: parseListenerArn,
  },
  {
    kind: 'listener rule',
    fields: {
      ...lb,
      listenerId: 'f2f7dc8efc522ab2',
      ruleId: '9683b2d02a6cabee',
    },
    resource:
      'listener-rule/app/payments-api-prod/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
    build: listenerRuleArn,
    parse: parseListenerRuleArn,
  },
  {
    kind: 'target group',
    fields: { name: 'payments-api-prod-blue', id: '73e2d6bc24d8a067' },
    resource: 'targetgroup/payments-api-prod-blue/73e2d6bc24d8a067',
    build: targetGroupArn,
    parse: parseTargetGroupArn,
  },
] as const;

const serviceOf: Record<string, string> = {
  'ECS cluster': 'ecs',
  'ECS service': 'ecs',
  'task definition': 'ecs',
  'service deployment': 'ecs',
  'CodeDeploy application': 'codedeploy',
  'CodeDeploy deployment group': 'codedeploy',
  pipeline: 'codepipeline',
  'ECR repository': 'ecr',
  'load balancer': 'elasticloadbalancing',
  listener: 'elasticloadbalancing',
  'listener rule': 'elasticloadbalancing',
  'target group': 'elasticloadbalancing',
};

describe.each(kinds)(
  '$kind ARNs',
  ({ kind, fields, resource, build, parse }) => {
    const service = serviceOf[kind];

    it.each(partitions)(
      'are built in the partition of $region ($partition) and parse back',
      ({ region, partition }) => {
        const arn = (build as (ref: object) => string)({
          accountId,
          region,
          ...fields,
        });
        expect(arn).toBe(
          `arn:${partition}:${service}:${region}:${accountId}:${resource}`,
        );
        expect(parse(arn)).toEqual({
          arn,
          partition,
          accountId,
          region,
          ...fields,
        });
      },
    );

    it('keep a partition given explicitly, as for a sibling of another ARN', () => {
      const arn = (build as (ref: object) => string)({
        accountId,
        region: 'eu-west-1',
        partition: 'aws-iso',
        ...fields,
      });
      expect(arn.startsWith(`arn:aws-iso:${service}:eu-west-1:`)).toBe(true);
    });

    it('refuse another service or resource type', () => {
      expect(parse(`arn:aws:sns:eu-west-1:${accountId}:${resource}`)).toBe(
        undefined,
      );
      expect(
        parse(`arn:aws:${service}:eu-west-1:${accountId}:other/${resource}`),
      ).toBe(undefined);
      expect(parse('not-an-arn')).toBe(undefined);
    });
  },
);

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

  it('reads an old-format ECS service ARN as cluster default', () => {
    expect(
      parseEcsServiceArn('arn:aws:ecs:eu-west-1:111111111111:service/s'),
    ).toMatchObject({ cluster: 'default', serviceName: 's' });
    expect(
      parseEcsServiceArn('arn:aws:ecs:eu-west-1:111111111111:task/c/x'),
    ).toBeUndefined();
  });

  it('refuses a task definition without a numeric revision', () => {
    expect(
      parseEcsTaskDefinitionArn(
        'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:latest',
      ),
    ).toBeUndefined();
  });

  it('builds an ARN of any service and reads the partition of one', () => {
    expect(
      formatArn(
        { accountId, region: 'cn-northwest-1' },
        'sns',
        'deploy-events',
      ),
    ).toBe('arn:aws-cn:sns:cn-northwest-1:111111111111:deploy-events');
    expect(partitionOfArn('arn:aws-us-gov:ecs:us-gov-west-1:1:cluster/c')).toBe(
      'aws-us-gov',
    );
    expect(partitionOfArn('nonsense')).toBeUndefined();
  });

  it('takes the id at the end of an ARN', () => {
    expect(arnResourceId('arn:aws:ecs:eu-west-1:1:task/c/0a1b2c')).toBe(
      '0a1b2c',
    );
    expect(arnResourceId('0a1b2c')).toBe('0a1b2c');
  });
});
