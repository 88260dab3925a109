import { AwsError } from '../../../core/AwsError';

/*
 * RegisterTaskDefinition's Fargate checks, in ECS's words: a task definition
 * that requires FARGATE uses the awsvpc network mode and one of Fargate's
 * task sizes (Amazon ECS Developer Guide, "Invalid CPU or memory value
 * specified").
 */

const CLIENT = 'ClientException';

/** Memory (MiB) per task CPU units: the listed values, or a range in steps. */
const FARGATE_SIZES: Record<
  number,
  number[] | { min: number; max: number; step: number }
> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

export function validateFargateTaskSize(input: Record<string, unknown>): void {
  const compatibilities = input.requiresCompatibilities;
  if (!Array.isArray(compatibilities) || !compatibilities.includes('FARGATE')) {
    return;
  }
  if (input.networkMode !== 'awsvpc') {
    throw new AwsError(CLIENT, 'Fargate only supports network mode ‘awsvpc’.');
  }
  for (const field of ['cpu', 'memory']) {
    if (input[field] === undefined || input[field] === '') {
      throw new AwsError(
        CLIENT,
        `Fargate requires that '${field}' be defined at the task level.`,
      );
    }
  }
  const cpu = units(input.cpu, /^(\d+(?:\.\d+)?)\s*vcpu$/i);
  const memory = units(input.memory, /^(\d+(?:\.\d+)?)\s*gb$/i);
  const sizes = cpu === undefined ? undefined : FARGATE_SIZES[cpu];
  const fits =
    memory !== undefined &&
    sizes !== undefined &&
    (Array.isArray(sizes)
      ? sizes.includes(memory)
      : memory >= sizes.min &&
        memory <= sizes.max &&
        (memory - sizes.min) % sizes.step === 0);
  if (!fits) {
    throw new AwsError(
      CLIENT,
      `No Fargate configuration exists for given values: ${String(
        input.cpu,
      )} CPU, ${String(input.memory)} memory`,
    );
  }
}

/** A task size as ECS reads it: CPU units or MiB, or vCPU/GB with the unit (1024 per unit). */
function units(value: unknown, withUnit: RegExp): number | undefined {
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const match = withUnit.exec(text);
  return match ? Math.round(Number(match[1]) * 1024) : undefined;
}
