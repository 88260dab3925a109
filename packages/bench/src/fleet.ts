import { Entity } from '@backstage/catalog-model';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';

const ENTITY_TAG = 'backstage.io/entity';
const ENVIRONMENT_TAG = 'environment';

/** What one catalog entity of the bench resolves to in the sandbox. */
export interface BenchSubject {
  entity: Entity;
  name: string;
  /** ECS service ARN per environment */
  services: Record<string, string>;
  pipelines: Record<string, string>;
}

/** The benchmark fleet's size (the issue asks for 200 x 100+). */
export interface FleetSize {
  services: number;
  deploymentsPerService: number;
  bigEntityDeployments: number;
}

export const BIG_ENTITY = 'big-history';

/** Starts a sandbox with S2's benchmark fleet (one env `prod`, CODE_DEPLOY services). */
export async function startFleetSandbox(
  size: FleetSize,
  latencyMs: number,
  /** simulated seconds per real second */
  speed = 1,
): Promise<RunningSandbox> {
  return startSandbox({
    seed: 'fleet',
    seedOptions: {
      services: size.services,
      deploymentsPerService: size.deploymentsPerService,
      ...(size.bigEntityDeployments
        ? {
            bigEntity: {
              name: BIG_ENTITY,
              deployments: size.bigEntityDeployments,
            },
          }
        : {}),
    },
    latencyMs,
    speed,
  });
}

/**
 * Catalog entities for everything in the sandbox tagged with an entity ref,
 * annotated as an adopter would (service and pipeline ARN per environment).
 * Read from the sandbox's tag store, so it follows whatever a seeder made and
 * costs no logged call.
 */
export function subjectsOf(sb: RunningSandbox): BenchSubject[] {
  const byName = new Map<string, BenchSubject>();
  for (const arn of sb.world.tags.all()) {
    const tags = Object.fromEntries(
      sb.world.tags.list(arn).map(t => [t.key, t.value]),
    );
    const ref = tags[ENTITY_TAG];
    const env = tags[ENVIRONMENT_TAG];
    if (!ref || !env) continue;
    const name = ref.split('/').pop()!;
    const isService = /^arn:aws:ecs:[^:]+:\d+:service\//.test(arn);
    const isPipeline = /^arn:aws:codepipeline:/.test(arn);
    if (!isService && !isPipeline) continue;
    let subject = byName.get(name);
    if (!subject) {
      subject = { name, services: {}, pipelines: {}, entity: undefined! };
      byName.set(name, subject);
    }
    (isService ? subject.services : subject.pipelines)[env] = arn;
  }
  const order = ['dev', 'staging', 'prod'];
  for (const subject of byName.values()) {
    const envs = [
      ...new Set([
        ...Object.keys(subject.services),
        ...Object.keys(subject.pipelines),
      ]),
    ].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const annotations: Record<string, string> = {
      'ecs-deploy.io/environments': envs.join(','),
    };
    for (const [env, arn] of Object.entries(subject.services)) {
      annotations[`ecs-deploy.io/service-arn.${env}`] = arn;
    }
    for (const [env, arn] of Object.entries(subject.pipelines)) {
      annotations[`ecs-deploy.io/pipeline-arn.${env}`] = arn;
    }
    // The awslabs plugin's annotation names one service: the last environment's.
    const last = envs[envs.length - 1];
    if (subject.services[last]) {
      annotations['aws.amazon.com/amazon-ecs-service-arn'] =
        subject.services[last];
    }
    subject.entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: subject.name, namespace: 'default', annotations },
      spec: { type: 'service', owner: 'team-bench', lifecycle: 'production' },
    };
  }
  return [...byName.values()]
    .filter(s => Object.keys(s.services).length)
    .sort((a, b) => a.name.localeCompare(b.name));
}
