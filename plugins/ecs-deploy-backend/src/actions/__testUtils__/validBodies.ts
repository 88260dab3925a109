import { EcsDeployActionName } from '@ecs-deploy/plugin-ecs-deploy-common';

/** An image digest that passes validation. */
export const VALID_DIGEST = `sha256:${'a'.repeat(64)}`;

/**
 * A body for every action that passes validation (in environment prod), so
 * a test can break one thing at a time and only the guard under test refuses.
 */
export const validBodies: Record<EcsDeployActionName, object> = {
  continue: { environment: 'prod', deploymentId: 'codedeploy:d-ABCDEFGHI' },
  'finish-early': {
    environment: 'prod',
    deploymentId: 'codedeploy:d-ABCDEFGHI',
  },
  rollback: { environment: 'prod', deploymentId: 'ecs:abc123' },
  approve: {
    environment: 'prod',
    pipelineExecutionId: '0d2d8b8e-1111-4222-8333-444455556666',
    decision: 'Approved',
  },
  'start-pipeline': { environment: 'prod' },
  'retry-stage': {
    environment: 'prod',
    stageName: 'Approve',
    pipelineExecutionId: '0d2d8b8e-1111-4222-8333-444455556666',
  },
  promote: { environment: 'prod', from: 'staging', imageDigest: VALID_DIGEST },
  'start-release': { environment: 'prod', from: 'staging' },
  'shift-traffic': {
    environment: 'prod',
    deploymentId: 'ecs:ecs-svc.1234567890',
    percent: 10,
    fromPercent: 0,
  },
  'promote-release': {
    environment: 'prod',
    deploymentId: 'ecs:ecs-svc.1234567890',
  },
  'abort-release': {
    environment: 'prod',
    deploymentId: 'ecs:ecs-svc.1234567890',
  },
};
