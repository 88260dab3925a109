import { DeploymentSystem } from '../DeploymentSystem';
import {
  prepareApprove,
  prepareRetryStage,
  prepareStartPipeline,
} from './actions';
import { pipelineDetail } from './detail';
import { pipelineSource } from './history';
import { linkPipelines } from './links';
import { pipelineOverview } from './overview';
import { starterLink } from './starter';

/**
 * CodePipeline above the other systems: executions, their approvals and
 * stages, and the deployments their deploy actions started.
 */
export const pipelineSystem: DeploymentSystem = {
  id: 'pipeline',
  entryKind: 'pipeline',
  appliesTo: loaded => !!loaded.env.pipeline,
  historySource: (ctx, loaded) => pipelineSource(ctx, loaded.env),
  detail: pipelineDetail,
  environmentActions: {
    actions: ['approve', 'start-pipeline', 'retry-stage'],
    prepare: (ctx, target, request) => {
      switch (request.action) {
        case 'approve':
          return prepareApprove(ctx, target, request);
        case 'retry-stage':
          return prepareRetryStage(ctx, target, request);
        default:
          return prepareStartPipeline(ctx, target);
      }
    },
  },
  overview: pipelineOverview,
  links: { history: linkPipelines, detail: starterLink },
};
