import { toBackstageError } from '@ecs-deploy/plugin-ecs-deploy-node';

/**
 * Runs one AWS call and turns its failure into a Backstage error that says
 * what the action was doing, so the task log reads "Failed creating target
 * group x: ..." instead of a bare SDK exception.
 */
export async function awsCall<T>(
  operation: string,
  resource: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toBackstageError(error, { operation, resource });
  }
}
