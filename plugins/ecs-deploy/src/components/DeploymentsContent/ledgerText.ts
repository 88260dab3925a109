import { ActionLedgerEntry } from '@ecs-deploy/plugin-ecs-deploy-common';

const VERBS: Record<ActionLedgerEntry['action'], string> = {
  continue: 'continued',
  'finish-early': 'finished early',
  rollback: 'rolled back',
  approve: 'approved',
  'start-pipeline': 'started',
  'retry-stage': 'retried',
  promote: 'promoted',
  'start-release': 'release started',
  'shift-traffic': 'traffic shifted',
  'promote-release': 'release promoted',
  'abort-release': 'release aborted',
};

/** `user:default/jane` → `jane`, the way people name each other. */
export function actorName(ref: string): string {
  const name = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

/** "approved by jane", "rejected by jane", "rollback by jane failed". */
export function ledgerText(entry: ActionLedgerEntry): string {
  let verb = VERBS[entry.action] ?? entry.action;
  if (entry.action === 'approve' && entry.decision === 'Rejected') {
    verb = 'rejected';
  }
  const text = `${verb} by ${actorName(entry.actor)}`;
  if (entry.status === 'failed') {
    return `${text} (failed)`;
  }
  if (entry.status === 'pending') {
    return `${text} (pending)`;
  }
  if (entry.status === 'unknown') {
    return `${text} (outcome unknown, being checked)`;
  }
  return text;
}

/**
 * Ledger entries by the history entry they concern, so each timeline row can
 * say who acted on it from the portal.
 */
export function ledgerByDeployment(
  entries: ActionLedgerEntry[],
): Map<string, ActionLedgerEntry[]> {
  const map = new Map<string, ActionLedgerEntry[]>();
  for (const entry of entries) {
    if (!entry.deploymentId) continue;
    const list = map.get(entry.deploymentId) ?? [];
    list.push(entry);
    map.set(entry.deploymentId, list);
  }
  return map;
}
