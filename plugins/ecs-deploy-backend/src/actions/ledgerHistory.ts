import {
  ActionLedgerEntry,
  HistoryResponse,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ActionLedger } from '../ledger/ActionLedger';
import { toActionLedgerEntry } from './ledgerEntries';

/**
 * Puts the ledger's rows on the history entries they concern
 * (`portalActions`), so the timeline says "approved by user:default/jane"
 * where CloudTrail only knows the backend's role. One query per page: the
 * entity's latest `window` actions, matched by history id.
 */
export function ledgerHistoryAnnotator(
  ledger: ActionLedger,
  options: { window: number } = { window: 200 },
) {
  return async (
    entityRef: string,
    history: HistoryResponse,
  ): Promise<HistoryResponse> => {
    if (!history.items.length) return history;
    const entries = await ledger.list(entityRef, { limit: options.window });
    const byDeployment = new Map<string, ActionLedgerEntry[]>();
    // oldest first on each entry, as a timeline reads
    for (const entry of entries.reverse().map(toActionLedgerEntry)) {
      if (!entry.deploymentId) continue;
      const list = byDeployment.get(entry.deploymentId) ?? [];
      list.push(entry);
      byDeployment.set(entry.deploymentId, list);
    }
    return {
      ...history,
      items: history.items.map(item => {
        const actions = byDeployment.get(item.id);
        return actions ? { ...item, portalActions: actions } : item;
      }),
    };
  };
}
