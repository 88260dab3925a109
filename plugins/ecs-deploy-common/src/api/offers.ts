import type { EcsDeployActionName } from '../actionsApi';

/** An action the portal can take now, or why it cannot. @public */
export interface ActionOffer {
  action: EcsDeployActionName;
  /** Absent when the action applies now; else one sentence saying why not. */
  unavailableReason?: string;
  /** What the request needs besides `environment` (taken from what the backend read). */
  request?: {
    deploymentId?: string;
    pipelineExecutionId?: string;
    stageName?: string;
    from?: string;
    /** `shift-traffic`: the share it moves production to, and the share now. */
    percent?: number;
    fromPercent?: number;
  };
}
/** The deployment system of an environment, as the UI names it. @public */
export interface DeploymentSystemInfo {
  /** `codeDeploy`, `ecsNative`, `taskSets`. */
  id: string;
  /** e.g. `CodeDeploy blue/green`, `ECS canary`, `EXTERNAL task sets`. */
  label: string;
}
