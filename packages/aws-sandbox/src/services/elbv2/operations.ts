import { AwsError } from '../../core/AwsError';
import { paginate } from '../../core/pagination';
import type { OperationHandler, RequestContext } from '../../core/types';
import {
  optionalNumber,
  optionalString,
  requireArray,
  requireString,
} from '../../core/validate';
import type { ElbStore } from './ElbStore';
import type { ActionRecord, RuleRecord } from './model';
import {
  renderListener,
  renderLoadBalancer,
  renderRule,
  renderTargetGroup,
} from './render';

/** ELBv2's code for bad input (a Query `ValidationError`). */
const INVALID = 'ValidationError';
const ARN_TYPE: Record<string, string> = { network: 'net', gateway: 'gwy' };
const NAME = /^[a-zA-Z0-9-]{1,32}$/;

const arnPrefix = (ctx: RequestContext) =>
  `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.accountId}`;

function parseActions(store: ElbStore, value: unknown): ActionRecord[] {
  const list = requireList(value, 'Actions');
  if (list.length === 0)
    throw new AwsError(INVALID, 'At least one action must be specified');
  return list.map((a: any, i) => {
    const type = requireString(a, 'Type', INVALID);
    const order = optionalNumber(a, 'Order', INVALID) ?? i + 1;
    if (type !== 'forward') return { Type: type, Order: order, raw: a };
    const tuples: any[] =
      a.ForwardConfig?.TargetGroups ??
      (a.TargetGroupArn
        ? [{ TargetGroupArn: a.TargetGroupArn, Weight: 1 }]
        : []);
    if (!tuples.length) {
      throw new AwsError(INVALID, 'A forward action needs a target group');
    }
    const forward = tuples.map(t => {
      const arn = requireString(t, 'TargetGroupArn', INVALID);
      store.targetGroup(arn);
      return {
        targetGroupArn: arn,
        weight: optionalNumber(t, 'Weight', INVALID) ?? 1,
      };
    });
    const stickiness = a.ForwardConfig?.TargetGroupStickinessConfig;
    return {
      Type: 'forward',
      Order: order,
      forward,
      ...(stickiness
        ? {
            stickiness: {
              Enabled: String(stickiness.Enabled) === 'true',
              DurationSeconds: optionalNumber(
                stickiness,
                'DurationSeconds',
                INVALID,
              ),
            },
          }
        : {}),
    };
  });
}

function requireList(value: unknown, field: string): any[] {
  if (!Array.isArray(value)) {
    throw new AwsError(
      INVALID,
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function parseTags(value: unknown): { key: string; value: string }[] {
  if (value === undefined) return [];
  return requireList(value, 'Tags').map((t: any) => ({
    key: requireString(t, 'Key', INVALID),
    value: String(t?.Value ?? ''),
  }));
}

function page<T>(items: T[], input: any) {
  const { page: out, nextToken } = paginate(items, {
    nextToken: optionalString(input, 'Marker', INVALID),
    maxResults: optionalNumber(input, 'PageSize', INVALID),
    defaultMaxResults: 400,
    invalidTokenCode: INVALID,
  });
  return { items: out, NextMarker: nextToken };
}

function inScope<T extends { accountId: string; region: string }>(
  ctx: RequestContext,
) {
  return (r: T) => r.accountId === ctx.accountId && r.region === ctx.region;
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

export function elbOperations(
  store: ElbStore,
): Record<string, OperationHandler> {
  const tags = store.world.tags;
  const hex = () => store.world.randomHex(16);

  function addRule(
    listenerArn: string,
    priority: string,
    conditions: unknown[],
    actions: ActionRecord[],
  ): RuleRecord {
    const listenerPath = listenerArn.split(':listener/')[1];
    const prefix = listenerArn.split(':listener/')[0];
    const rule: RuleRecord = {
      arn: `${prefix}:listener-rule/${listenerPath}/${hex()}`,
      listenerArn,
      priority,
      isDefault: priority === 'default',
      conditions,
      actions,
    };
    store.rules.set(rule.arn, rule);
    tags.register(rule.arn);
    return rule;
  }

  return {
    CreateLoadBalancer(input, ctx) {
      const name = requireString(input, 'Name', INVALID);
      if (!NAME.test(name) || name.startsWith('internal-')) {
        throw new AwsError(
          INVALID,
          `The load balancer name '${name}' is not valid`,
        );
      }
      if (
        [...store.loadBalancers.values()].some(
          lb => lb.name === name && inScope(ctx)(lb),
        )
      ) {
        throw new AwsError(
          'DuplicateLoadBalancerName',
          'A load balancer with the same name exists',
        );
      }
      const type = optionalString(input, 'Type', INVALID) ?? 'application';
      const short = ARN_TYPE[type] ?? 'app';
      const lb = {
        arn: `${arnPrefix(ctx)}:loadbalancer/${short}/${name}/${hex()}`,
        name,
        accountId: ctx.accountId,
        region: ctx.region,
        type,
        scheme: optionalString(input, 'Scheme', INVALID) ?? 'internet-facing',
        createdAt: store.world.clock.nowMs(),
        subnets: (input.Subnets ?? []) as string[],
        securityGroups: (input.SecurityGroups ?? []) as string[],
      };
      store.loadBalancers.set(lb.arn, lb);
      tags.register(lb.arn);
      tags.tag(lb.arn, parseTags(input.Tags));
      return { LoadBalancers: [renderLoadBalancer(lb)] };
    },

    CreateTargetGroup(input, ctx) {
      const name = requireString(input, 'Name', INVALID);
      if (!NAME.test(name)) {
        throw new AwsError(
          INVALID,
          `Target group name '${name}' can have a maximum of 32 characters, alphanumeric and hyphens`,
        );
      }
      if (
        [...store.targetGroups.values()].some(
          tg => tg.name === name && inScope(ctx)(tg),
        )
      ) {
        throw new AwsError(
          'DuplicateTargetGroupName',
          'A target group with the same name exists',
        );
      }
      const tg = {
        arn: `${arnPrefix(ctx)}:targetgroup/${name}/${hex()}`,
        name,
        accountId: ctx.accountId,
        region: ctx.region,
        protocol: optionalString(input, 'Protocol', INVALID),
        port: optionalNumber(input, 'Port', INVALID),
        vpcId: optionalString(input, 'VpcId', INVALID),
        targetType: optionalString(input, 'TargetType', INVALID) ?? 'instance',
        healthCheckPath: optionalString(input, 'HealthCheckPath', INVALID),
        healthCheckProtocol: optionalString(
          input,
          'HealthCheckProtocol',
          INVALID,
        ),
        matcher: input.Matcher?.HttpCode,
      };
      store.targetGroups.set(tg.arn, tg);
      tags.register(tg.arn);
      tags.tag(tg.arn, parseTags(input.Tags));
      return { TargetGroups: [renderTargetGroup(store, tg)] };
    },

    CreateListener(input) {
      const lb = store.loadBalancer(
        requireString(input, 'LoadBalancerArn', INVALID),
      );
      const port = optionalNumber(input, 'Port', INVALID) ?? 80;
      if (
        [...store.listeners.values()].some(
          l => l.loadBalancerArn === lb.arn && l.port === port,
        )
      ) {
        throw new AwsError(
          'DuplicateListener',
          'A listener already exists on this port for this load balancer',
        );
      }
      const actions = parseActions(store, input.DefaultActions);
      const lbPath = lb.arn.split(':loadbalancer/')[1];
      const listener = {
        arn: `${lb.arn.split(':loadbalancer/')[0]}:listener/${lbPath}/${hex()}`,
        loadBalancerArn: lb.arn,
        port,
        protocol: optionalString(input, 'Protocol', INVALID) ?? 'HTTP',
      };
      store.listeners.set(listener.arn, listener);
      tags.register(listener.arn);
      tags.tag(listener.arn, parseTags(input.Tags));
      addRule(listener.arn, 'default', [], actions);
      return { Listeners: [renderListener(store, listener)] };
    },

    CreateRule(input) {
      const listener = store.listener(
        requireString(input, 'ListenerArn', INVALID),
      );
      const priority = optionalNumber(input, 'Priority', INVALID);
      if (priority === undefined || priority < 1 || priority > 50000) {
        throw new AwsError(INVALID, 'Priority must be between 1 and 50000');
      }
      if (
        store.rulesOf(listener.arn).some(r => r.priority === String(priority))
      ) {
        throw new AwsError(
          'PriorityInUse',
          `Priority '${priority}' is currently in use`,
        );
      }
      const rule = addRule(
        listener.arn,
        String(priority),
        requireList(input.Conditions, 'Conditions'),
        parseActions(store, input.Actions),
      );
      tags.tag(rule.arn, parseTags(input.Tags));
      return { Rules: [renderRule(rule)] };
    },

    DescribeLoadBalancers(input, ctx) {
      const arns = input.LoadBalancerArns as string[] | undefined;
      const names = input.Names as string[] | undefined;
      let list = [...store.loadBalancers.values()].filter(inScope(ctx));
      if (arns?.length) list = arns.map(a => store.loadBalancer(a));
      if (names?.length) {
        list = names.map(n => {
          const found = list.find(lb => lb.name === n);
          if (!found)
            throw new AwsError(
              'LoadBalancerNotFound',
              `Load balancers '[${n}]' not found`,
            );
          return found;
        });
      }
      const { items, NextMarker } = page(list, input);
      return { LoadBalancers: items.map(renderLoadBalancer), NextMarker };
    },

    DescribeTargetGroups(input, ctx) {
      const arns = input.TargetGroupArns as string[] | undefined;
      const names = input.Names as string[] | undefined;
      const lbArn = optionalString(input, 'LoadBalancerArn', INVALID);
      let list = [...store.targetGroups.values()].filter(inScope(ctx));
      if (arns?.length) list = arns.map(a => store.targetGroup(a));
      if (names?.length) {
        list = names.map(n => {
          const found = list.find(tg => tg.name === n);
          if (!found)
            throw new AwsError(
              'TargetGroupNotFound',
              `Target groups '[${n}]' not found`,
            );
          return found;
        });
      }
      if (lbArn) {
        store.loadBalancer(lbArn);
        list = list.filter(tg => store.loadBalancersOf(tg.arn).includes(lbArn));
      }
      const { items, NextMarker } = page(list, input);
      return {
        TargetGroups: items.map(tg => renderTargetGroup(store, tg)),
        NextMarker,
      };
    },

    DescribeListeners(input) {
      const arns = input.ListenerArns as string[] | undefined;
      const lbArn = optionalString(input, 'LoadBalancerArn', INVALID);
      if (!arns?.length && !lbArn) {
        throw new AwsError(
          INVALID,
          'You must specify either listener ARNs or a load balancer ARN',
        );
      }
      let list = arns?.length ? arns.map(a => store.listener(a)) : [];
      if (lbArn) {
        store.loadBalancer(lbArn);
        list = [...store.listeners.values()]
          .filter(l => l.loadBalancerArn === lbArn)
          .sort((a, b) => a.port - b.port);
      }
      const { items, NextMarker } = page(list, input);
      return {
        Listeners: items.map(l => renderListener(store, l)),
        NextMarker,
      };
    },

    DescribeRules(input) {
      const arns = input.RuleArns as string[] | undefined;
      const listenerArn = optionalString(input, 'ListenerArn', INVALID);
      if (!arns?.length && !listenerArn) {
        throw new AwsError(
          INVALID,
          'You must specify either listener rule ARNs or a listener ARN',
        );
      }
      const list = listenerArn
        ? (store.listener(listenerArn), store.rulesOf(listenerArn))
        : arns!.map(a => store.rule(a));
      const { items, NextMarker } = page(list, input);
      return { Rules: items.map(renderRule), NextMarker };
    },

    ModifyListener(input) {
      const listener = store.listener(
        requireString(input, 'ListenerArn', INVALID),
      );
      const port = optionalNumber(input, 'Port', INVALID);
      if (port !== undefined) listener.port = port;
      const protocol = optionalString(input, 'Protocol', INVALID);
      if (protocol) listener.protocol = protocol;
      if (input.DefaultActions !== undefined) {
        store.defaultRule(listener.arn).actions = parseActions(
          store,
          input.DefaultActions,
        );
      }
      return { Listeners: [renderListener(store, listener)] };
    },

    ModifyRule(input) {
      const rule = store.rule(requireString(input, 'RuleArn', INVALID));
      if (input.Actions !== undefined)
        rule.actions = parseActions(store, input.Actions);
      if (input.Conditions !== undefined) {
        if (rule.isDefault) {
          throw new AwsError(
            'OperationNotPermitted',
            'Conditions cannot be set on a default rule',
          );
        }
        rule.conditions = requireList(input.Conditions, 'Conditions');
      }
      return { Rules: [renderRule(rule)] };
    },

    DescribeTargetHealth(input) {
      const tg = store.targetGroup(
        requireString(input, 'TargetGroupArn', INVALID),
      );
      const targets = store.world.ecs.targetsOf(tg.arn);
      return {
        TargetHealthDescriptions: targets.map(t => ({
          Target: { Id: t.id, Port: t.port, AvailabilityZone: `${tg.region}a` },
          HealthCheckPort: String(t.port),
          TargetHealth: TARGET_HEALTH[t.state],
        })),
      };
    },

    AddTags(input) {
      const arns = requireArray<string>(input, 'ResourceArns', INVALID);
      const newTags = parseTags(requireList(input.Tags, 'Tags'));
      for (const arn of arns) requireResource(store, arn);
      for (const arn of arns) tags.tag(arn, newTags);
      return {};
    },

    RemoveTags(input) {
      const arns = requireArray<string>(input, 'ResourceArns', INVALID);
      const keys = requireArray<string>(input, 'TagKeys', INVALID);
      for (const arn of arns) requireResource(store, arn);
      for (const arn of arns) tags.untag(arn, keys);
      return {};
    },

    DescribeTags(input) {
      const arns = requireArray<string>(input, 'ResourceArns', INVALID);
      if (arns.length > 20)
        throw new AwsError(INVALID, 'ResourceArns can have at most 20 items');
      for (const arn of arns) requireResource(store, arn);
      return {
        TagDescriptions: arns.map(arn => ({
          ResourceArn: arn,
          Tags: tags.list(arn).map(t => ({ Key: t.key, Value: t.value })),
        })),
      };
    },
  };
}

function requireResource(store: ElbStore, arn: string): void {
  if (arn.includes(':loadbalancer/')) store.loadBalancer(arn);
  else if (arn.includes(':targetgroup/')) store.targetGroup(arn);
  else if (arn.includes(':listener-rule/')) store.rule(arn);
  else if (arn.includes(':listener/')) store.listener(arn);
  else
    throw new AwsError(
      INVALID,
      `'${arn}' is not a valid load balancer resource ARN`,
    );
}
