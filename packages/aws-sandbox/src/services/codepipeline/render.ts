import type { CodePipelineStore } from './CodePipelineStore';
import type { ActionRun, ExecutionRecord, PipelineRecord } from './model';

/* Records to the SDK's output shapes; Dates become epoch seconds on the wire. */

const date = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms);

export function renderSummary(e: ExecutionRecord) {
  return {
    pipelineExecutionId: e.pipelineExecutionId,
    status: e.status,
    statusSummary: e.statusSummary,
    startTime: date(e.startTime),
    lastUpdateTime: date(e.lastUpdateTime),
    sourceRevisions: e.sourceRevisions,
    trigger: e.trigger,
    stopTrigger: e.stopTrigger,
    executionMode: e.executionMode,
    executionType: 'STANDARD',
  };
}

export function renderExecution(e: ExecutionRecord, pipeline: PipelineRecord) {
  const outputs = new Map<string, string>();
  for (const stage of pipeline.declaration.stages) {
    for (const action of stage.actions) {
      for (const output of action.outputArtifacts ?? [])
        outputs.set(action.name, output.name);
    }
  }
  return {
    pipelineName: e.pipelineName,
    pipelineVersion: e.pipelineVersion,
    pipelineExecutionId: e.pipelineExecutionId,
    status: e.status,
    statusSummary: e.statusSummary,
    artifactRevisions: e.sourceRevisions.map(r => ({
      name: outputs.get(r.actionName) ?? r.actionName,
      revisionId: r.revisionId,
      revisionSummary: r.revisionSummary,
      revisionUrl: r.revisionUrl,
      created: date(e.startTime),
    })),
    variables: e.variables,
    trigger: e.trigger,
    executionMode: e.executionMode,
    executionType: 'STANDARD',
  };
}

export function renderActionExecution(
  a: ActionRun,
  e: ExecutionRecord,
  pipeline: PipelineRecord,
) {
  const stage = pipeline.declaration.stages.find(s => s.name === a.stageName);
  const declaration = stage?.actions.find(x => x.name === a.actionName);
  return {
    pipelineExecutionId: e.pipelineExecutionId,
    actionExecutionId: a.actionExecutionId,
    pipelineVersion: e.pipelineVersion,
    stageName: a.stageName,
    actionName: a.actionName,
    startTime: date(a.startTime),
    lastUpdateTime: date(a.lastUpdateTime),
    updatedBy: a.updatedBy,
    status: a.status,
    input: {
      actionTypeId: declaration?.actionTypeId,
      configuration: declaration?.configuration ?? {},
      resolvedConfiguration:
        a.resolvedConfiguration ?? declaration?.configuration ?? {},
      roleArn: declaration?.roleArn,
      region: declaration?.region ?? pipeline.region,
      inputArtifacts: (declaration?.inputArtifacts ?? []).map(i => ({
        name: i.name,
        s3location: artifactLocation(pipeline, e, i.name),
      })),
      namespace: declaration?.namespace,
    },
    output: {
      outputArtifacts: (declaration?.outputArtifacts ?? []).map(o => ({
        name: o.name,
        s3location: artifactLocation(pipeline, e, o.name),
      })),
      executionResult: {
        externalExecutionId: a.externalExecutionId,
        externalExecutionSummary: a.externalExecutionSummary ?? a.summary,
        externalExecutionUrl: a.externalExecutionUrl,
        errorDetails: a.errorDetails,
      },
      outputVariables: a.outputVariables ?? {},
    },
  };
}

function artifactLocation(
  pipeline: PipelineRecord,
  e: ExecutionRecord,
  name: string,
) {
  return {
    bucket:
      pipeline.declaration.artifactStore?.location ??
      `codepipeline-${pipeline.region}-${pipeline.accountId}`,
    key: `${pipeline.name.slice(0, 20)}/${name.slice(
      0,
      10,
    )}/${e.pipelineExecutionId.slice(0, 7)}`,
  };
}

export function renderState(
  pipeline: PipelineRecord,
  store: CodePipelineStore,
) {
  return {
    pipelineName: pipeline.name,
    pipelineVersion: pipeline.declaration.version,
    created: date(pipeline.created),
    updated: date(pipeline.updated),
    stageStates: pipeline.declaration.stages.map(stage => {
      const e = store.latestForStage(pipeline, stage.name);
      const run = e
        ? [...e.stages].reverse().find(s => s.stageName === stage.name)
        : undefined;
      return {
        stageName: stage.name,
        inboundTransitionState: { enabled: true },
        latestExecution:
          e && run
            ? {
                pipelineExecutionId: e.pipelineExecutionId,
                status: run.status,
                type: 'STANDARD',
              }
            : undefined,
        actionStates: stage.actions.map(action => {
          const latest = e
            ? [...e.actions]
                .reverse()
                .find(
                  a =>
                    a.stageName === stage.name && a.actionName === action.name,
                )
            : undefined;
          return {
            actionName: action.name,
            currentRevision:
              latest &&
              stage === pipeline.declaration.stages[0] &&
              latest.externalExecutionId
                ? {
                    revisionId: latest.externalExecutionId,
                    revisionChangeId: latest.externalExecutionId,
                    created: date(latest.startTime),
                  }
                : undefined,
            latestExecution: latest
              ? {
                  actionExecutionId: latest.actionExecutionId,
                  status: latest.status,
                  summary: latest.summary,
                  lastStatusChange: date(latest.lastUpdateTime),
                  token:
                    latest.status === 'InProgress' ? latest.token : undefined,
                  lastUpdatedBy: latest.updatedBy,
                  externalExecutionId: latest.externalExecutionId,
                  externalExecutionUrl: latest.externalExecutionUrl,
                  errorDetails: latest.errorDetails,
                }
              : undefined,
          };
        }),
      };
    }),
  };
}
