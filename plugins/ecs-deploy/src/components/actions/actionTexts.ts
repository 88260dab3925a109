import { EcsDeployActionName } from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * What a control names: the environment the request acts on and, where the
 * action concerns one, the pipeline, the stage or the environment promoted
 * from.
 */
export type ActionSubject = {
  environment: string;
  pipelineName?: string;
  stageName?: string;
  from?: string;
  /** `shift-traffic`: the share it moves production to. */
  percent?: number;
};

/** How a control presents itself and its confirmation dialog. */
export type ActionText = {
  label: string;
  confirmTitle: string;
  confirmLabel?: string;
  /** What happens, said in the dialog. */
  explanation: string;
  destructive?: boolean;
  comment?: 'optional' | 'required';
};

/**
 * A control of the portal: an action, or for `approve` its approving half;
 * `reject` is the same action deciding the other way.
 */
export type ControlName = EcsDeployActionName | 'reject';

/** The texts of every control, in one place. */
export const ACTION_TEXTS: Record<
  ControlName,
  (subject: ActionSubject) => ActionText
> = {
  continue: ({ environment }) => ({
    label: 'Continue',
    confirmTitle: `Continue the deployment in ${environment}?`,
    explanation:
      "Production traffic moves to the replacement task set as the deployment's configuration says.",
  }),
  'finish-early': ({ environment }) => ({
    label: 'Finish early',
    confirmTitle: `Terminate the original task set in ${environment} now?`,
    confirmLabel: 'Terminate original',
    explanation:
      'The original (blue) task set stops now instead of at the end of the wait. After that, rolling back needs a new deployment.',
  }),
  rollback: ({ environment }) => ({
    label: 'Roll back',
    confirmTitle: `Stop the deployment in ${environment} and roll back?`,
    confirmLabel: 'Stop and roll back',
    explanation:
      'The deployment stops and traffic returns to the original task set.',
    destructive: true,
  }),
  approve: ({ pipelineName = 'the pipeline' }) => ({
    label: 'Approve',
    confirmTitle: `Approve ${pipelineName}?`,
    explanation:
      'The pipeline continues past its manual approval. Your name and comment are recorded with the approval.',
    comment: 'optional',
  }),
  reject: ({ pipelineName = 'the pipeline' }) => ({
    label: 'Reject',
    confirmTitle: `Reject ${pipelineName}?`,
    explanation:
      'The pipeline execution stops at the approval. Say why, so the author knows what to fix.',
    destructive: true,
    comment: 'required',
  }),
  'start-pipeline': ({ pipelineName = 'the pipeline' }) => ({
    label: 'Start pipeline',
    confirmTitle: `Start ${pipelineName}?`,
    confirmLabel: 'Start',
    explanation:
      'A new execution builds and deploys the latest source revision.',
  }),
  'retry-stage': ({ stageName = 'the stage' }) => ({
    label: `Retry ${stageName}`,
    confirmTitle: `Retry the failed actions of ${stageName}?`,
    confirmLabel: 'Retry',
    explanation:
      'CodePipeline runs the failed actions of this stage again in the same execution.',
  }),
  promote: ({ environment, from = 'the previous environment' }) => ({
    label: `Promote to ${environment}`,
    confirmTitle: `Promote ${from} to ${environment}?`,
    confirmLabel: 'Promote',
    explanation: `Moving the tag starts the ${environment} pipeline, which deploys the image.`,
  }),
  'start-release': ({ environment, from = 'the previous environment' }) => ({
    label: `Start release from ${from}`,
    confirmTitle: `Release the image ${from} runs to ${environment}?`,
    confirmLabel: 'Start release',
    explanation: `A new task definition revision with that image runs as a second task set at full scale. Once it is steady the test listener routes to it; production traffic stays on the primary task set until you shift it.`,
  }),
  'shift-traffic': ({ environment, percent }) => ({
    label: percent === 100 ? 'Shift all traffic' : `Shift to ${percent}%`,
    confirmTitle: `Send ${percent}% of production traffic in ${environment} to the new task set?`,
    confirmLabel: 'Shift',
    explanation:
      'The production listener forwards this share to the new task set by weight. Aborting moves it back at once.',
  }),
  'promote-release': ({ environment }) => ({
    label: 'Promote release',
    confirmTitle: `Promote the new task set in ${environment}?`,
    confirmLabel: 'Promote',
    explanation:
      'All production and test traffic goes to the new task set, which becomes the primary one; the previous task set is deleted, so going back needs a new release.',
  }),
  'abort-release': ({ environment }) => ({
    label: 'Abort release',
    confirmTitle: `Abort the release in ${environment}?`,
    confirmLabel: 'Abort',
    explanation:
      'Production and test traffic go back to the primary task set and the new task set is deleted.',
    destructive: true,
  }),
};
