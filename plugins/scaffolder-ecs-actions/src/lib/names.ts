import { InputError } from '@backstage/errors';

/*
 * AWS naming rules, checked up front so that a bad name fails naming the
 * template field before any resource exists. Each rule is the one documented
 * in the service's API reference for the Create call.
 */

interface NameRule {
  pattern: RegExp;
  maxLength: number;
  describe: string;
}

const RULES = {
  ecsService: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    maxLength: 255,
    describe: 'letters, numbers, hyphens and underscores',
  },
  taskFamily: {
    pattern: /^[A-Za-z0-9_-]+$/,
    maxLength: 255,
    describe: 'letters, numbers, hyphens and underscores',
  },
  elbName: {
    // Target groups and load balancers: no leading or trailing hyphen.
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    maxLength: 32,
    describe:
      'letters, numbers and hyphens, not starting or ending with a hyphen',
  },
  ecrRepository: {
    pattern:
      /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    maxLength: 256,
    describe: 'lowercase letters, numbers, and . _ - / between them',
  },
  codeDeployName: {
    pattern: /^[A-Za-z0-9_.+=,@-]+$/,
    maxLength: 100,
    describe: 'letters, numbers and _ . + = , @ -',
  },
  pipelineName: {
    pattern: /^[A-Za-z0-9.@_-]+$/,
    maxLength: 100,
    describe: 'letters, numbers and . @ - _',
  },
  entityName: {
    // Backstage entity names, also a valid ECS/ECR/ELB base name.
    pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    maxLength: 63,
    describe:
      'lowercase letters, numbers and hyphens, not starting or ending with a hyphen',
  },
  namespace: {
    // Backstage namespaces are DNS labels.
    pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    maxLength: 63,
    describe: 'lowercase letters, numbers and single hyphens between them',
  },
  gitRepository: {
    // A repository name as git hosts accept it; also one safe path segment
    // (no '/', no leading dot, so never '.' or '..').
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.))*$/,
    maxLength: 100,
    describe:
      'letters, numbers, hyphens, underscores and single dots, starting with a letter or number',
  },
} satisfies Record<string, NameRule>;

/**
 * A kind of AWS name with its own rule.
 *
 * @public
 */
export type AwsNameKind = keyof typeof RULES;

/**
 * Throws an InputError naming `field` when `value` is not a name AWS accepts
 * for `kind`.
 *
 * @public
 */
export function assertAwsName(
  kind: AwsNameKind,
  field: string,
  value: string,
): void {
  const rule: NameRule = RULES[kind];
  if (!value) throw new InputError(`${field} is required`);
  if (value.length > rule.maxLength) {
    throw new InputError(
      `${field} '${value}' is ${value.length} characters; AWS allows at most ${rule.maxLength}`,
    );
  }
  if (!rule.pattern.test(value)) {
    throw new InputError(
      `${field} '${value}' is not a valid name: use ${rule.describe}`,
    );
  }
  if (kind === 'elbName' && value.toLowerCase().startsWith('internal-')) {
    throw new InputError(`${field} '${value}' must not start with 'internal-'`);
  }
  if (kind === 'gitRepository' && /\.git$/i.test(value)) {
    throw new InputError(`${field} '${value}' must not end with '.git'`);
  }
}

/**
 * A component name the suite can build every AWS name from.
 *
 * @public
 */
export function assertEntityName(field: string, value: string): void {
  assertAwsName('entityName', field, value);
}

/** @public */
export function assertNamespace(field: string, value: string): void {
  assertAwsName('namespace', field, value);
}

/**
 * A name for an ELB resource (32 characters at most) made of a base and a
 * suffix that must survive truncation, e.g. `<service>-<env>-blue`: the base is
 * cut, never the suffix, and a trailing hyphen left by the cut is dropped.
 * Same convention as the demo fleet.
 *
 * @public
 */
export function elbResourceName(base: string, suffix?: string): string {
  const tail = suffix ? `-${suffix}` : '';
  const head = base.slice(0, 32 - tail.length).replace(/-+$/, '');
  return `${head}${tail}`;
}
