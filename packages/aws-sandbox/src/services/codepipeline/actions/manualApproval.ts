import type { ActionRunner } from './actionRunner';

/**
 * Manual approval: waits with a token until PutApprovalResult
 * (`executionControls.ts`) decides it. Nothing moves it on the clock; AWS would time it out
 * after seven days, which the sandbox does not.
 */
export const manualApproval: ActionRunner = {
  start(run, env) {
    run.token = env.newToken();
    const config = env.declaration.configuration ?? {};
    if (config.CustomData) run.summary = config.CustomData;
    if (config.ExternalEntityLink)
      run.externalExecutionUrl = config.ExternalEntityLink;
  },
  poll() {},
};
