import type { ActionRunner } from './actionRunner';
import { pollTimed } from './actionRunner';

/** Build, test and invoke actions the sandbox does not model: they succeed after a while. */
const GENERIC_MS = 90_000;

export const genericAction: ActionRunner = {
  start(run, _env, at) {
    run.nextAt = at + GENERIC_MS;
    run.externalExecutionId = `${run.actionName}:${run.actionExecutionId.slice(
      0,
      8,
    )}`;
  },
  poll: (run, _env, now) => pollTimed(run, now),
};
