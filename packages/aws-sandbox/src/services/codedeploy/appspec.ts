import type { EcsLifecycleEventName } from './model';
import { ECS_LIFECYCLE_EVENTS } from './model';

/** What the sandbox needs from an ECS appspec. @public */
export interface ParsedAppSpec {
  taskDefinition?: string;
  containerName?: string;
  containerPort?: number;
  hooks: Partial<Record<EcsLifecycleEventName, string>>;
}

/**
 * Reads an ECS appspec (JSON or YAML). The package carries no YAML parser, and
 * an appspec's shape is small and fixed, so YAML is read line by line for the
 * keys that matter: `TaskDefinition`, `ContainerName`, `ContainerPort` and the
 * `Hooks` list.
 *
 * @public
 */
export function parseAppSpec(content: string): ParsedAppSpec {
  try {
    const json = JSON.parse(content);
    if (json && typeof json === 'object') return fromJson(json);
  } catch {
    // YAML below
  }
  const hooks: ParsedAppSpec['hooks'] = {};
  const scalar = (key: string) => {
    const match = new RegExp(`^\\s*-?\\s*${key}\\s*:\\s*(.+?)\\s*$`, 'm').exec(
      content,
    );
    return match ? unquote(match[1]) : undefined;
  };
  for (const event of ECS_LIFECYCLE_EVENTS) {
    const match = new RegExp(`^\\s*-\\s*${event}\\s*:\\s*(.+?)\\s*$`, 'm').exec(
      content,
    );
    if (match) hooks[event] = unquote(match[1]);
  }
  const port = scalar('ContainerPort');
  return {
    taskDefinition: scalar('TaskDefinition'),
    containerName: scalar('ContainerName'),
    containerPort: port ? Number(port) : undefined,
    hooks,
  };
}

function unquote(value: string): string {
  const trimmed = value.replace(/\s+#.*$/, '');
  return trimmed.replace(/^(['"])(.*)\1$/, '$2');
}

function fromJson(json: any): ParsedAppSpec {
  const target = Array.isArray(json.Resources)
    ? json.Resources.map((r: any) => Object.values(r ?? {})[0] as any).find(
        (r: any) => r?.Type === 'AWS::ECS::Service',
      )
    : undefined;
  const props = target?.Properties ?? {};
  const hooks: ParsedAppSpec['hooks'] = {};
  for (const entry of Array.isArray(json.Hooks) ? json.Hooks : []) {
    for (const [event, fn] of Object.entries(entry ?? {})) {
      if ((ECS_LIFECYCLE_EVENTS as readonly string[]).includes(event)) {
        hooks[event as EcsLifecycleEventName] = String(fn);
      }
    }
  }
  return {
    taskDefinition: props.TaskDefinition,
    containerName: props.LoadBalancerInfo?.ContainerName,
    containerPort: props.LoadBalancerInfo?.ContainerPort,
    hooks,
  };
}

/**
 * A hook whose function name contains `fail` fails in the sandbox: the way to
 * rehearse a failed validation hook and its automatic rollback.
 *
 * @public
 */
export function failingHook(
  hooks: ParsedAppSpec['hooks'],
): EcsLifecycleEventName | undefined {
  return ECS_LIFECYCLE_EVENTS.find(event => /fail/i.test(hooks[event] ?? ''));
}
