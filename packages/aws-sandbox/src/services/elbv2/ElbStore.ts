import {
  elbListenerArn,
  elbListenerRuleArn,
  elbLoadBalancerArn,
  elbTargetGroupArn,
  type Scope,
} from '../../core/arns';
import { AwsError } from '../../core/AwsError';
import type { ElbApi, SandboxWorld, ServiceStore } from '../../world';
import type {
  ActionRecord,
  ElbState,
  ListenerRecord,
  LoadBalancerRecord,
  RuleRecord,
  TargetGroupRecord,
  TargetGroupWeight,
} from './model';

/**
 * Load balancers, target groups, listeners and rules. A listener's default
 * actions are stored as its default rule, so shifting weights through the
 * listener (CodeDeploy) or through the rule (ECS native blue/green) is one
 * change either way. Nothing moves on the clock: weights change through the
 * API, ECS and CodeDeploy.
 */
export class ElbStore implements ElbApi, ServiceStore {
  readonly loadBalancers = new Map<string, LoadBalancerRecord>();
  readonly targetGroups = new Map<string, TargetGroupRecord>();
  readonly listeners = new Map<string, ListenerRecord>();
  readonly rules = new Map<string, RuleRecord>();

  constructor(readonly world: SandboxWorld) {}

  // ---- creating ----

  createLoadBalancer(
    scope: Scope,
    fields: Omit<
      LoadBalancerRecord,
      'arn' | 'accountId' | 'region' | 'createdAt'
    >,
  ): LoadBalancerRecord {
    if (
      this.inScope(this.loadBalancers, scope).some(
        lb => lb.name === fields.name,
      )
    ) {
      throw new AwsError(
        'DuplicateLoadBalancerName',
        'A load balancer with the same name exists',
      );
    }
    const lb: LoadBalancerRecord = {
      arn: elbLoadBalancerArn(scope, fields.type, fields.name, this.newId()),
      ...scope,
      createdAt: this.world.clock.nowMs(),
      ...fields,
    };
    this.loadBalancers.set(lb.arn, lb);
    this.world.tags.register(lb.arn);
    return lb;
  }

  createTargetGroup(
    scope: Scope,
    fields: Omit<TargetGroupRecord, 'arn' | 'accountId' | 'region'>,
  ): TargetGroupRecord {
    if (
      this.inScope(this.targetGroups, scope).some(tg => tg.name === fields.name)
    ) {
      throw new AwsError(
        'DuplicateTargetGroupName',
        'A target group with the same name exists',
      );
    }
    const tg: TargetGroupRecord = {
      arn: elbTargetGroupArn(scope, fields.name, this.newId()),
      ...scope,
      ...fields,
    };
    this.targetGroups.set(tg.arn, tg);
    this.world.tags.register(tg.arn);
    return tg;
  }

  /** A listener and its default rule holding `defaultActions`. */
  createListener(
    lb: LoadBalancerRecord,
    port: number,
    protocol: string,
    defaultActions: ActionRecord[],
  ): ListenerRecord {
    if (
      [...this.listeners.values()].some(
        l => l.loadBalancerArn === lb.arn && l.port === port,
      )
    ) {
      throw new AwsError(
        'DuplicateListener',
        'A listener already exists on this port for this load balancer',
      );
    }
    const listener: ListenerRecord = {
      arn: elbListenerArn(lb.arn, this.newId()),
      loadBalancerArn: lb.arn,
      port,
      protocol,
    };
    this.listeners.set(listener.arn, listener);
    this.world.tags.register(listener.arn);
    this.createRule(listener, 'default', [], defaultActions);
    return listener;
  }

  /** A rule at `priority` (`default` for the listener's default rule). */
  createRule(
    listener: ListenerRecord,
    priority: string,
    conditions: unknown[],
    actions: ActionRecord[],
  ): RuleRecord {
    if (this.rulesOf(listener.arn).some(r => r.priority === priority)) {
      throw new AwsError(
        'PriorityInUse',
        `Priority '${priority}' is currently in use`,
      );
    }
    const rule: RuleRecord = {
      arn: elbListenerRuleArn(listener.arn, this.newId()),
      listenerArn: listener.arn,
      priority,
      isDefault: priority === 'default',
      conditions,
      actions,
    };
    this.rules.set(rule.arn, rule);
    this.world.tags.register(rule.arn);
    return rule;
  }

  // ---- lookups ----

  loadBalancersIn(scope: Scope): LoadBalancerRecord[] {
    return this.inScope(this.loadBalancers, scope);
  }

  targetGroupsIn(scope: Scope): TargetGroupRecord[] {
    return this.inScope(this.targetGroups, scope);
  }

  loadBalancer(arn: string): LoadBalancerRecord {
    const found = this.loadBalancers.get(arn);
    if (!found) {
      throw new AwsError(
        'LoadBalancerNotFound',
        `One or more load balancers not found`,
      );
    }
    return found;
  }

  targetGroup(arn: string): TargetGroupRecord {
    const found = this.targetGroups.get(arn);
    if (!found) {
      throw new AwsError(
        'TargetGroupNotFound',
        `Target groups '${arn}' not found`,
      );
    }
    return found;
  }

  listener(arn: string): ListenerRecord {
    const found = this.listeners.get(arn);
    if (!found) {
      throw new AwsError('ListenerNotFound', `One or more listeners not found`);
    }
    return found;
  }

  rule(arn: string): RuleRecord {
    const found = this.rules.get(arn);
    if (!found)
      throw new AwsError('RuleNotFound', `One or more rules not found`);
    return found;
  }

  rulesOf(listenerArn: string): RuleRecord[] {
    return [...this.rules.values()]
      .filter(r => r.listenerArn === listenerArn)
      .sort((a, b) => priorityOrder(a) - priorityOrder(b));
  }

  defaultRule(listenerArn: string): RuleRecord {
    this.listener(listenerArn);
    const found = this.rulesOf(listenerArn).find(r => r.isDefault);
    if (!found) throw new AwsError('RuleNotFound', 'Default rule not found');
    return found;
  }

  /** Load balancers whose listeners forward to a target group. */
  loadBalancersOf(targetGroupArn: string): string[] {
    const out = new Set<string>();
    for (const rule of this.rules.values()) {
      const forwards = rule.actions.some(a =>
        a.forward?.some(f => f.targetGroupArn === targetGroupArn),
      );
      if (!forwards) continue;
      const listener = this.listeners.get(rule.listenerArn);
      if (listener) out.add(listener.loadBalancerArn);
    }
    return [...out];
  }

  /** Any ELBv2 resource by ARN (the tagging operations take all kinds). */
  requireResource(arn: string): void {
    if (arn.includes(':loadbalancer/')) this.loadBalancer(arn);
    else if (arn.includes(':targetgroup/')) this.targetGroup(arn);
    else if (arn.includes(':listener-rule/')) this.rule(arn);
    else if (arn.includes(':listener/')) this.listener(arn);
    else {
      throw new AwsError(
        'ValidationError',
        `'${arn}' is not a valid load balancer resource ARN`,
      );
    }
  }

  // ---- ElbApi ----

  getListenerWeights(listenerArn: string): TargetGroupWeight[] {
    return this.getRuleWeights(this.defaultRule(listenerArn).arn);
  }

  setListenerWeights(listenerArn: string, weights: TargetGroupWeight[]): void {
    this.setRuleWeights(this.defaultRule(listenerArn).arn, weights);
  }

  getRuleWeights(ruleArn: string): TargetGroupWeight[] {
    const forward = this.rule(ruleArn).actions.find(a => a.forward);
    return forward?.forward?.map(f => ({ ...f })) ?? [];
  }

  setRuleWeights(ruleArn: string, weights: TargetGroupWeight[]): void {
    const rule = this.rule(ruleArn);
    const forward = rule.actions.find(a => a.forward);
    const next = weights.map(w => ({ ...w }));
    if (forward) forward.forward = next;
    else rule.actions.push({ Type: 'forward', Order: 1, forward: next });
  }

  findTargetGroupArn(
    accountId: string,
    region: string,
    name: string,
  ): string | undefined {
    for (const tg of this.targetGroups.values()) {
      if (
        tg.name === name &&
        tg.accountId === accountId &&
        tg.region === region
      ) {
        return tg.arn;
      }
    }
    return undefined;
  }

  // ---- ServiceStore ----

  tick(): void {
    // Nothing in ELBv2 moves by itself.
  }

  snapshot(): ElbState {
    return {
      loadBalancers: [...this.loadBalancers.values()],
      targetGroups: [...this.targetGroups.values()],
      listeners: [...this.listeners.values()],
      rules: [...this.rules.values()],
    };
  }

  restore(data: unknown): void {
    const state = data as ElbState;
    this.loadBalancers.clear();
    this.targetGroups.clear();
    this.listeners.clear();
    this.rules.clear();
    for (const r of state.loadBalancers ?? []) this.loadBalancers.set(r.arn, r);
    for (const r of state.targetGroups ?? []) this.targetGroups.set(r.arn, r);
    for (const r of state.listeners ?? []) this.listeners.set(r.arn, r);
    for (const r of state.rules ?? []) this.rules.set(r.arn, r);
  }

  private newId(): string {
    return this.world.randomHex(16);
  }

  private inScope<T extends Scope>(records: Map<string, T>, scope: Scope): T[] {
    return [...records.values()].filter(
      r => r.accountId === scope.accountId && r.region === scope.region,
    );
  }
}

function priorityOrder(rule: RuleRecord): number {
  return rule.isDefault ? Number.MAX_SAFE_INTEGER : Number(rule.priority);
}
