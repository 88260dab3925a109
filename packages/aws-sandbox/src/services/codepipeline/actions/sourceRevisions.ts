import type { ExecutionRecord } from '../model';

/** Records (or replaces, on a retry) a source action's revision on its execution. */
export function recordSourceRevision(
  execution: Pick<ExecutionRecord, 'sourceRevisions'>,
  revision: ExecutionRecord['sourceRevisions'][number],
): void {
  const i = execution.sourceRevisions.findIndex(
    r => r.actionName === revision.actionName,
  );
  if (i >= 0) execution.sourceRevisions[i] = revision;
  else execution.sourceRevisions.push(revision);
}
