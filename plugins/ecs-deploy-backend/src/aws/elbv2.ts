import { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GatewayCallContext,
  elbv2Gateway,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { cacheKeys } from './cacheKeys';
import { Forward, ListenerState, TargetGroupState } from './state';
import { GatewayDeps, Where, withCache } from './withCache';

/** The weighted target groups of a forward action (either form AWS allows). */
function forwardsOf(actions: Action[] | undefined): Forward[] {
  const forward = (actions ?? []).find(a => a.Type === 'forward');
  if (!forward) return [];
  const tuples = forward.ForwardConfig?.TargetGroups;
  if (tuples?.length) {
    return tuples
      .filter(t => t.TargetGroupArn)
      .map(t => ({ targetGroupArn: t.TargetGroupArn!, weight: t.Weight ?? 1 }));
  }
  return forward.TargetGroupArn
    ? [{ targetGroupArn: forward.TargetGroupArn, weight: 1 }]
    : [];
}

/** The load balancer a listener belongs to, from the listener ARN's shape. */
export function loadBalancerArnOfListener(listenerArn: string): string {
  const base = listenerArn.replace(':listener/', ':loadbalancer/');
  return base.slice(0, base.lastIndexOf('/'));
}

/** The listener a rule belongs to, from the rule ARN's shape. */
export function listenerArnOfRule(ruleArn: string): string | undefined {
  if (!ruleArn.includes(':listener-rule/')) return undefined;
  const base = ruleArn.replace(':listener-rule/', ':listener/');
  return base.slice(0, base.lastIndexOf('/'));
}

/** The key of weights read for a service at rest. */
const atRestKey = (key: string) => `${key}|at-rest`;

/** Elastic Load Balancing v2 for the backend, each call with its cache class. */
export function elbv2Reads({ clients, cache }: GatewayDeps) {
  const elbv2 = async (w: Where) => (await clients.forResource(w)).elbv2;

  const targetGroups = withCache(
    cache,
    {
      cache: 'resolution',
      key: (w: Where, arns: string[], names: string[]) =>
        cacheKeys.elbTargetGroups(w, arns, names),
    },
    async (w: Where, arns: string[], names: string[]) =>
      (
        await elbv2Gateway.describeTargetGroups(
          await elbv2(w),
          { arns, names },
          { resource: [...arns, ...names].join(', ') },
        )
      ).map(
        (tg): TargetGroupState => ({
          arn: tg.TargetGroupArn ?? '',
          name: tg.TargetGroupName ?? '',
          loadBalancerArns: tg.LoadBalancerArns ?? [],
        }),
      ),
  );

  const listenersNow = async (
    w: Where,
    listenerArns: string[],
    loadBalancerArn?: string,
  ) =>
    (
      await elbv2Gateway.describeListeners(
        await elbv2(w),
        { listenerArns, loadBalancerArn },
        { resource: listenerArns.join(', ') || loadBalancerArn },
      )
    ).map(
      (l): ListenerState => ({
        arn: l.ListenerArn ?? '',
        loadBalancerArn: l.LoadBalancerArn,
        port: l.Port ?? 0,
        protocol: l.Protocol,
        forwards: forwardsOf(l.DefaultActions),
      }),
    );

  /*
   * Weights move only while the service deploys. Read for a service at rest
   * they are cached as idle, under a key of their own, so the first read
   * once it deploys (the other key) goes to AWS; and what was kept at rest
   * before is dropped then, so the weights a deployment left are read anew.
   */
  const byServiceState = <A extends unknown[], T>(
    key: (...args: A) => string,
    load: (...args: A) => Promise<T>,
  ) => {
    const moving = withCache(
      cache,
      { cache: 'active', key },
      async (...args: A) => {
        const value = await load(...args);
        await cache.forget(atRestKey(key(...args)));
        return value;
      },
    );
    const resting = withCache(
      cache,
      { cache: 'idle', key: (...args: A) => atRestKey(key(...args)) },
      load,
    );
    return (serviceAtRest: boolean, ...args: A) =>
      (serviceAtRest ? resting : moving)(...args);
  };

  const listeners = byServiceState(
    (w: Where, listenerArns: string[], loadBalancerArn?: string) =>
      cacheKeys.elbListeners(w, listenerArns, loadBalancerArn),
    listenersNow,
  );

  const rules = byServiceState(
    (w: Where, ruleArns: string[]) => cacheKeys.elbRules(w, ruleArns),
    async (w: Where, ruleArns: string[]) =>
      (
        await elbv2Gateway.describeRules(
          await elbv2(w),
          { ruleArns },
          { resource: ruleArns.join(', ') },
        )
      ).map(r => ({
        ruleArn: r.RuleArn ?? '',
        forwards: forwardsOf(r.Actions),
      })),
  );

  return {
    /** Target groups by ARN or name. Cache: resolution. */
    async targetGroups(
      w: Where,
      query: { arns?: string[]; names?: string[] },
    ): Promise<TargetGroupState[]> {
      const arns = [...new Set(query.arns ?? [])];
      const names = [...new Set(query.names ?? [])];
      if (!arns.length && !names.length) return [];
      return targetGroups(w, arns, names);
    },

    /**
     * Listeners by ARN or of a load balancer; weights move. Cache: idle for
     * a service at rest (`serviceAtRest`), else active.
     */
    async listeners(
      w: Where,
      query: {
        listenerArns?: string[];
        loadBalancerArn?: string;
        serviceAtRest: boolean;
      },
    ): Promise<ListenerState[]> {
      const listenerArns = [...new Set(query.listenerArns ?? [])];
      if (!listenerArns.length && !query.loadBalancerArn) return [];
      return listeners(
        query.serviceAtRest,
        w,
        listenerArns,
        query.loadBalancerArn,
      );
    },

    /**
     * Weighted forwards of listener rules (ECS native blue/green shifts
     * rules). Cache: as `listeners`.
     */
    async rules(
      w: Where,
      ruleArns: string[],
      serviceAtRest: boolean,
    ): Promise<Array<{ ruleArn: string; forwards: Forward[] }>> {
      const arns = [...new Set(ruleArns)];
      if (!arns.length) return [];
      return rules(serviceAtRest, w, arns);
    },

    /** A load balancer's listeners as they are now, for an action. Cache: none. */
    async listenersOfLoadBalancerNow(
      w: Where,
      loadBalancerArn: string,
    ): Promise<ListenerState[]> {
      return listenersNow(w, [], loadBalancerArn);
    },

    /** Cache: none. */
    async forwardByWeight(
      w: Where,
      listenerArn: string,
      forwards: Forward[],
      context: GatewayCallContext,
    ): Promise<void> {
      try {
        await elbv2Gateway.forwardListenerByWeight(
          await elbv2(w),
          listenerArn,
          forwards,
          context,
        );
      } finally {
        // The views read a load balancer's listeners, or listeners by ARN.
        const lb = loadBalancerArnOfListener(listenerArn);
        const keys = [
          cacheKeys.elbListeners(w, [], lb),
          cacheKeys.elbListeners(w, [listenerArn]),
        ];
        await Promise.all(
          [...keys, ...keys.map(atRestKey)].map(key => cache.forget(key)),
        );
      }
    },
  };
}
