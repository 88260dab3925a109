import type { SandboxWorld } from '../../../world';
import type {
  ActionDeclaration,
  ActionRun,
  ArtifactValue,
  ExecutionRecord,
  PipelineRecord,
} from '../model';
import type { SourceRepositories } from '../sources/SourceRepositories';
import { ActionFailure } from './ActionFailure';

/** What an action needs while it runs. */
export interface ActionEnv {
  world: SandboxWorld;
  pipeline: PipelineRecord;
  execution: ExecutionRecord;
  declaration: ActionDeclaration;
  /** the repositories of CodeCommit, S3 and Git connection sources */
  sources: SourceRepositories;
  /** the ECR repository ARN last seen pushing under this name */
  knownRepositoryArn(repositoryName: string): string | undefined;
  newToken(): string;
  /** the artifact an input names (undefined when no earlier action made it) */
  artifact(name: string | undefined): ArtifactValue | undefined;
}

/**
 * One kind of action (a provider). `start` sets it going; `poll` moves it on
 * each tick until it reaches Succeeded or Failed.
 */
export interface ActionRunner {
  start(run: ActionRun, env: ActionEnv, at: number): void;
  poll(run: ActionRun, env: ActionEnv, now: number): void;
}

export function succeed(run: ActionRun, at: number, summary?: string): void {
  run.status = 'Succeeded';
  run.lastUpdateTime = at;
  run.nextAt = undefined;
  if (summary) run.summary = summary;
}

export function fail(
  run: ActionRun,
  at: number,
  message: string,
  code = 'JobFailed',
): void {
  run.status = 'Failed';
  run.lastUpdateTime = at;
  run.nextAt = undefined;
  run.errorDetails = { code, message };
  run.summary = message;
}

/**
 * Fails an action with what its start threw: an ActionFailure as it says,
 * another service's refusal (ECS, CodeDeploy) with that service's message.
 */
export function failWith(run: ActionRun, at: number, error: unknown): void {
  if (error instanceof ActionFailure) {
    fail(run, at, error.message, error.code);
  } else {
    fail(run, at, error instanceof Error ? error.message : String(error));
  }
}

/** Completes a timed action when its time comes. */
export function pollTimed(run: ActionRun, now: number): void {
  if (
    run.status === 'InProgress' &&
    run.nextAt !== undefined &&
    run.nextAt <= now
  ) {
    succeed(run, run.nextAt);
  }
}
