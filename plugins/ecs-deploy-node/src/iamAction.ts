import type { Pluggable } from '@smithy/types';

/** Property set on SDK errors naming the IAM action of the failed call. */
export const IAM_ACTION_PROPERTY = '$ecsDeployIamAction';

/**
 * A middleware that writes the IAM action (`ecs:DescribeServices`) onto any
 * error of a call, so the error mapper can name the missing permission
 * without every caller repeating it.
 */
export function iamActionPlugin(iamPrefix: string): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async args => {
          try {
            return await next(args);
          } catch (error) {
            if (error && typeof error === 'object') {
              const command = String(context.commandName ?? '').replace(
                /Command$/,
                '',
              );
              (error as Record<string, unknown>)[
                IAM_ACTION_PROPERTY
              ] ??= `${iamPrefix}:${command}`;
            }
            throw error;
          }
        },
        { step: 'initialize', name: 'ecsDeployIamAction', override: true },
      );
    },
  };
}
