import {
  ActionLedgerEntry,
  DeploymentSummary,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { toActionLedgerEntry } from '../actions/ledgerEntries';
import { ActionLedger } from '../ledger/ActionLedger';

/** How many of the entity's latest ledger rows a page is matched against. */
const LEDGER_WINDOW = 200;

/**
 * Puts the ledger's rows on the history entries they concern
 * (`portalActions`), so the timeline says "approved by user:default/jane"
 * where CloudTrail only knows the backend's role, on a release's
 * deployments too. One query per page: the
 * entity's latest actions, matched by history id.
 */
export async function withPortalActions(
  ledger: ActionLedger,
  entityRef: string,
  history: HistoryResponse,
): Promise<HistoryResponse> {
  if (!history.items.length) return history;
  const entries = await ledger.list(entityRef, { limit: LEDGER_WINDOW });
  const byDeployment = new Map<string, ActionLedgerEntry[]>();
  // oldest first on each entry, as a timeline reads
  for (const entry of entries.reverse().map(toActionLedgerEntry)) {
    if (!entry.deploymentId) continue;
    const list = byDeployment.get(entry.deploymentId) ?? [];
    list.push(entry);
    byDeployment.set(entry.deploymentId, list);
  }
  const withActions = (item: DeploymentSummary): DeploymentSummary => {
    const actions = byDeployment.get(item.id);
    const deployments = item.deployments?.map(withActions);
    return {
      ...item,
      ...(actions ? { portalActions: actions } : {}),
      ...(deployments ? { deployments } : {}),
    };
  };
  return { ...history, items: history.items.map(withActions) };
}
