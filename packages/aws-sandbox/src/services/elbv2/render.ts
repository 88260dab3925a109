import type { EcsApi } from '../../world';
import type { ElbStore } from './ElbStore';
import type {
  ActionRecord,
  ListenerRecord,
  LoadBalancerRecord,
  RuleRecord,
  TargetGroupRecord,
} from './model';

/* Records -> ELBv2 Query result structures (serialised to XML by the protocol layer). */

function renderAction(action: ActionRecord) {
  if (!action.forward)
    return { ...action.raw, Type: action.Type, Order: action.Order };
  return {
    Type: 'forward',
    // AWS echoes TargetGroupArn only when one target group is forwarded to.
    TargetGroupArn:
      action.forward.length === 1
        ? action.forward[0].targetGroupArn
        : undefined,
    Order: action.Order,
    ForwardConfig: {
      TargetGroups: action.forward.map(f => ({
        TargetGroupArn: f.targetGroupArn,
        Weight: f.weight,
      })),
      TargetGroupStickinessConfig: action.stickiness ?? { Enabled: false },
    },
  };
}

export function renderLoadBalancer(lb: LoadBalancerRecord) {
  const id = lb.arn.split('/').pop();
  return {
    LoadBalancerArn: lb.arn,
    DNSName: `${lb.name}-${id?.slice(0, 10)}.${lb.region}.elb.amazonaws.com`,
    CanonicalHostedZoneId: 'Z32O12XQLNTSW2',
    CreatedTime: new Date(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: 'vpc-0sandbox',
    State: { Code: 'active' },
    Type: lb.type,
    AvailabilityZones: (lb.subnets.length
      ? lb.subnets
      : ['subnet-a', 'subnet-b']
    ).map((subnet, i) => ({
      ZoneName: `${lb.region}${'abc'[i % 3]}`,
      SubnetId: subnet,
    })),
    SecurityGroups: lb.securityGroups,
    IpAddressType: 'ipv4',
  };
}

export function renderTargetGroup(store: ElbStore, tg: TargetGroupRecord) {
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId ?? 'vpc-0sandbox',
    HealthCheckProtocol: tg.healthCheckProtocol ?? tg.protocol ?? 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: tg.healthCheckPath ?? '/',
    Matcher: { HttpCode: tg.matcher ?? '200' },
    LoadBalancerArns: store.loadBalancersOf(tg.arn),
    TargetType: tg.targetType,
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}

export function renderListener(store: ElbStore, l: ListenerRecord) {
  const rule = store.rulesOf(l.arn).find(r => r.isDefault);
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: (rule?.actions ?? []).map(renderAction),
  };
}

export function renderRule(rule: RuleRecord) {
  return {
    RuleArn: rule.arn,
    Priority: rule.priority,
    Conditions: rule.conditions,
    Actions: rule.actions.map(renderAction),
    IsDefault: rule.isDefault,
  };
}

const TARGET_HEALTH = {
  healthy: { State: 'healthy' },
  initial: {
    State: 'initial',
    Reason: 'Elb.RegistrationInProgress',
    Description: 'Target registration is in progress',
  },
  draining: {
    State: 'draining',
    Reason: 'Target.DeregistrationInProgress',
    Description: 'Target deregistration is in progress',
  },
};

/** A target group's targets (the ECS tasks registered with it) and their health. */
export function renderTargetHealth(
  tg: TargetGroupRecord,
  targets: ReturnType<EcsApi['targetsOf']>,
) {
  return targets.map(t => ({
    Target: { Id: t.id, Port: t.port, AvailabilityZone: `${tg.region}a` },
    HealthCheckPort: String(t.port),
    TargetHealth: TARGET_HEALTH[t.state],
  }));
}
