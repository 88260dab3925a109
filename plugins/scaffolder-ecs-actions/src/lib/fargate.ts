import { InputError } from '@backstage/errors';

/**
 * The task sizes Fargate accepts (Linux), as documented in the ECS developer
 * guide "Task CPU and memory". Kept as data so the template's size list and the
 * validation cannot drift apart.
 */
const FARGATE_MEMORY_BY_CPU: Record<
  number,
  { min: number; max: number; step: number } | number[]
> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

/**
 * The memory values (MiB) Fargate accepts for a task CPU value (CPU units), or
 * an empty list when Fargate does not offer that CPU value.
 *
 * @public
 */
export function fargateMemoryOptions(cpu: number): number[] {
  const rule = FARGATE_MEMORY_BY_CPU[cpu];
  if (!rule) return [];
  if (Array.isArray(rule)) return rule;
  const values: number[] = [];
  for (let m = rule.min; m <= rule.max; m += rule.step) values.push(m);
  return values;
}

/**
 * A Fargate task size as CPU units and MiB, the strings RegisterTaskDefinition takes.
 *
 * @public
 */
export interface FargateSize {
  cpu: string;
  memory: string;
}

function toInt(value: string | number, field: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n <= 0) {
    throw new InputError(
      `${field} must be a positive whole number, got '${value}'`,
    );
  }
  return n;
}

/**
 * Checks a cpu/memory pair against Fargate's table before anything is created,
 * so a wrong size fails naming the field instead of at RegisterTaskDefinition.
 * `size` (`"512/1024"`) is the template's single-field form of the same pair.
 *
 * @public
 */
export function parseFargateSize(input: {
  cpu?: string | number;
  memory?: string | number;
  size?: string;
}): FargateSize {
  let cpuValue = input.cpu;
  let memoryValue = input.memory;
  let field = { cpu: 'cpu', memory: 'memory' };
  if (input.size !== undefined) {
    const parts = input.size.split('/');
    if (parts.length !== 2) {
      throw new InputError(
        `size must be '<cpu units>/<memory MiB>', e.g. '512/1024', got '${input.size}'`,
      );
    }
    [cpuValue, memoryValue] = parts;
    field = { cpu: 'size', memory: 'size' };
  }
  if (cpuValue === undefined) throw new InputError('cpu is required');
  if (memoryValue === undefined) throw new InputError('memory is required');
  const cpu = toInt(cpuValue, field.cpu);
  const memory = toInt(memoryValue, field.memory);
  const options = fargateMemoryOptions(cpu);
  if (options.length === 0) {
    throw new InputError(
      `${
        field.cpu
      }: Fargate does not offer ${cpu} CPU units; use one of ${Object.keys(
        FARGATE_MEMORY_BY_CPU,
      ).join(', ')}`,
    );
  }
  if (!options.includes(memory)) {
    throw new InputError(
      `${
        field.memory
      }: Fargate does not offer ${memory} MiB with ${cpu} CPU units; valid memory is ${describe(
        cpu,
      )}`,
    );
  }
  return { cpu: String(cpu), memory: String(memory) };
}

function describe(cpu: number): string {
  const rule = FARGATE_MEMORY_BY_CPU[cpu];
  if (Array.isArray(rule)) return `${rule.join(', ')} MiB`;
  return `${rule.min} to ${rule.max} MiB in steps of ${rule.step}`;
}
