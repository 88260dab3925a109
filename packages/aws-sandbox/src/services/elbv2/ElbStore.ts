import { AwsError } from '../../core/AwsError';
import type { ElbApi, SandboxWorld } from '../../world';
import type {
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
 * change either way.
 */
export class ElbStore implements ElbApi {
  readonly loadBalancers = new Map<string, LoadBalancerRecord>();
  readonly targetGroups = new Map<string, TargetGroupRecord>();
  readonly listeners = new Map<string, ListenerRecord>();
  readonly rules = new Map<string, RuleRecord>();

  constructor(readonly world: SandboxWorld) {}

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

  // ---- state file ----

  snapshot(): ElbState {
    return {
      loadBalancers: [...this.loadBalancers.values()],
      targetGroups: [...this.targetGroups.values()],
      listeners: [...this.listeners.values()],
      rules: [...this.rules.values()],
    };
  }

  restore(state: ElbState): void {
    this.loadBalancers.clear();
    this.targetGroups.clear();
    this.listeners.clear();
    this.rules.clear();
    for (const r of state.loadBalancers ?? []) this.loadBalancers.set(r.arn, r);
    for (const r of state.targetGroups ?? []) this.targetGroups.set(r.arn, r);
    for (const r of state.listeners ?? []) this.listeners.set(r.arn, r);
    for (const r of state.rules ?? []) this.rules.set(r.arn, r);
  }
}

function priorityOrder(rule: RuleRecord): number {
  return rule.isDefault ? Number.MAX_SAFE_INTEGER : Number(rule.priority);
}
