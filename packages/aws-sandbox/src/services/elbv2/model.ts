/* ELBv2 records, plain JSON for the state file. Names follow the Query API (PascalCase). */

export interface TargetGroupWeight {
  targetGroupArn: string;
  weight: number;
}

/** A forward action (the only kind the sandbox routes); others are kept as given. */
export interface ActionRecord {
  Type: string;
  Order?: number;
  /** forward actions: the weighted target groups */
  forward?: TargetGroupWeight[];
  stickiness?: { Enabled: boolean; DurationSeconds?: number };
  /** non-forward actions, verbatim */
  raw?: Record<string, unknown>;
}

export interface LoadBalancerRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  type: string;
  scheme: string;
  createdAt: number;
  subnets: string[];
  securityGroups: string[];
}

export interface TargetGroupRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  protocol?: string;
  port?: number;
  vpcId?: string;
  targetType: string;
  healthCheckPath?: string;
  healthCheckProtocol?: string;
  matcher?: string;
}

export interface ListenerRecord {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
}

export interface RuleRecord {
  arn: string;
  listenerArn: string;
  /** `default` for the listener's default rule */
  priority: string;
  isDefault: boolean;
  conditions: unknown[];
  actions: ActionRecord[];
}

export interface ElbState {
  loadBalancers: LoadBalancerRecord[];
  targetGroups: TargetGroupRecord[];
  listeners: ListenerRecord[];
  rules: RuleRecord[];
}
