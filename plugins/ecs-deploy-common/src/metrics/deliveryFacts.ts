import type { DeploymentStatus, DeploymentSummary } from '../api';

/**
 * What the delivery metrics need of one deployment (a CodeDeploy or ECS
 * entry, on its own or inside a release), as plain numbers: small enough
 * to keep for a whole history, and the same wherever it is computed.
 *
 * @public
 */
export interface DeliveryFact {
  environment: string;
  /**
   * The service the deployment belongs to (an entity ref), when the facts
   * of several services are measured together: a failure is restored by the
   * next success of the same service and environment.
   */
  service?: string;
  status: DeploymentStatus;
  /** Failed, rolled back, or reported as rolled back. */
  failed: boolean;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
  /** When the pipeline execution that started it started (lead time). */
  pipelineStartedAt?: number;
}

function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function isFailure(d: DeploymentSummary): boolean {
  return (
    d.status === 'FAILED' ||
    d.status === 'ROLLED_BACK' ||
    Boolean(d.rollback?.rolledBack)
  );
}

const placeOf = (environment: string, id: string) => `${environment}|${id}`;

/**
 * The facts of each history entry, in the order given: a release row gives
 * the deployments it holds, a deployment itself, a pipeline execution that
 * started none nothing. Pipeline executions only supply the start of the
 * lead time, found among `items` (the history links an execution to a
 * deployment on the page that shows both).
 *
 * @public
 */
export function deliveryFactsByEntry(
  items: readonly DeploymentSummary[],
): DeliveryFact[][] {
  const entries = items.map(item => [item, ...(item.deployments ?? [])]);
  const pipelineStarts = new Map<string, number | undefined>();
  for (const d of entries.flat()) {
    if (d.kind === 'pipeline') {
      pipelineStarts.set(placeOf(d.environment, d.id), time(d.startedAt));
    }
  }
  return entries.map(entry =>
    entry.flatMap((d): DeliveryFact[] => {
      const startedAt = time(d.startedAt);
      if (d.kind === 'pipeline' || startedAt === undefined) return [];
      const pipelineId = d.links?.pipelineExecutionId;
      const pipelineStartedAt = pipelineId
        ? pipelineStarts.get(placeOf(d.environment, pipelineId))
        : undefined;
      const endedAt = time(d.endedAt);
      return [
        {
          environment: d.environment,
          status: d.status,
          failed: isFailure(d),
          startedAt,
          ...(endedAt !== undefined ? { endedAt } : {}),
          ...(d.durationMs !== undefined ? { durationMs: d.durationMs } : {}),
          ...(pipelineStartedAt !== undefined ? { pipelineStartedAt } : {}),
        },
      ];
    }),
  );
}

/**
 * The facts of a list of history entries (see {@link deliveryFactsByEntry}).
 *
 * @public
 */
export function deliveryFacts(
  items: readonly DeploymentSummary[],
): DeliveryFact[] {
  return deliveryFactsByEntry(items).flat();
}
