import { AwsError } from '../../../core/AwsError';
import type { PipelineDeclaration } from '../model';

const CATEGORIES = [
  'Source',
  'Build',
  'Deploy',
  'Test',
  'Invoke',
  'Approval',
  'Compute',
];

/**
 * The structural checks CodePipeline makes on CreatePipeline/UpdatePipeline:
 * at least two stages, a first stage of source actions only, unique names,
 * well-formed action types, input artifacts produced by an earlier action.
 */
export function validateDeclaration(value: unknown): PipelineDeclaration {
  const p = value as PipelineDeclaration | undefined;
  if (!p || typeof p !== 'object') {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value null at 'pipeline' failed to satisfy constraint: Member must not be null",
    );
  }
  if (typeof p.name !== 'string' || !/^[A-Za-z0-9.@\-_]{1,100}$/.test(p.name)) {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value at 'pipeline.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9.@\\-_]+",
    );
  }
  if (typeof p.roleArn !== 'string' || !p.roleArn.startsWith('arn:')) {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value at 'pipeline.roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[\\w]+)*:iam::[0-9]{12}:role/.*",
    );
  }
  if (
    p.executionMode &&
    !['QUEUED', 'SUPERSEDED', 'PARALLEL'].includes(p.executionMode)
  ) {
    throw new AwsError(
      'ValidationException',
      `Invalid executionMode ${p.executionMode}`,
    );
  }
  if (p.pipelineType && !['V1', 'V2'].includes(p.pipelineType)) {
    throw new AwsError(
      'ValidationException',
      `Invalid pipelineType ${p.pipelineType}`,
    );
  }
  if (!Array.isArray(p.stages) || p.stages.length < 2) {
    throw new AwsError(
      'InvalidStructureException',
      'Pipeline has fewer than 2 stages.',
    );
  }
  const stageNames = new Set<string>();
  const actionNames = new Set<string>();
  const artifacts = new Set<string>();
  p.stages.forEach((stage, index) => {
    if (!stage?.name || stageNames.has(stage.name)) {
      throw new AwsError(
        'InvalidStageDeclarationException',
        `Stage name '${stage?.name}' is missing or not unique`,
      );
    }
    stageNames.add(stage.name);
    if (!Array.isArray(stage.actions) || stage.actions.length === 0) {
      throw new AwsError(
        'InvalidStageDeclarationException',
        `Stage '${stage.name}' has no actions`,
      );
    }
    for (const action of stage.actions) {
      const type = action?.actionTypeId;
      if (
        !action?.name ||
        !type?.category ||
        !type.owner ||
        !type.provider ||
        !type.version
      ) {
        throw new AwsError(
          'InvalidActionDeclarationException',
          `Action '${action?.name}' in stage '${stage.name}' needs a name and an actionTypeId (category, owner, provider, version)`,
        );
      }
      if (!CATEGORIES.includes(type.category)) {
        throw new AwsError(
          'InvalidActionDeclarationException',
          `Action category '${type.category}' is not valid`,
        );
      }
      if (actionNames.has(`${stage.name}/${action.name}`)) {
        throw new AwsError(
          'InvalidActionDeclarationException',
          `Action name '${action.name}' is not unique in stage '${stage.name}'`,
        );
      }
      actionNames.add(`${stage.name}/${action.name}`);
      const isSource = type.category === 'Source';
      if ((index === 0) !== isSource) {
        throw new AwsError(
          'InvalidStructureException',
          index === 0
            ? `Stage '${stage.name}' must contain only source actions`
            : `Source action '${action.name}' must be in the first stage`,
        );
      }
      for (const input of action.inputArtifacts ?? []) {
        if (!artifacts.has(input.name)) {
          throw new AwsError(
            'InvalidStructureException',
            `Input artifact '${input.name}' of action '${action.name}' is not the output of an earlier action`,
          );
        }
      }
    }
    for (const action of stage.actions) {
      for (const output of action.outputArtifacts ?? [])
        artifacts.add(output.name);
    }
  });
  return p;
}
