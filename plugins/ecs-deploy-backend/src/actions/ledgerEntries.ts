import { InputError } from '@backstage/errors';
import {
  ActionLedgerEntry,
  EcsDeployActionName,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { LedgerEntry } from '../ledger/ActionLedger';
import { ActionOutcome } from './types';

/** The API's view of a ledger row: the request and outcome, flattened. */
export function toActionLedgerEntry(entry: LedgerEntry): ActionLedgerEntry {
  const request = (entry.request ?? {}) as {
    deploymentId?: string;
    decision?: 'Approved' | 'Rejected';
    comment?: string;
  };
  const result = entry.result as ActionOutcome | undefined;
  const deploymentId = result?.deploymentId ?? request.deploymentId;
  return {
    id: entry.id,
    entityRef: entry.entityRef,
    environment: entry.environment,
    action: entry.action as EcsDeployActionName,
    actor: entry.actor,
    status: entry.status,
    ...(entry.awsResource ? { awsResource: entry.awsResource } : {}),
    ...(deploymentId ? { deploymentId } : {}),
    ...(request.decision ? { decision: request.decision } : {}),
    ...(request.comment ? { comment: request.comment } : {}),
    ...(entry.error?.message ? { errorMessage: entry.error.message } : {}),
    createdAt: entry.createdAt,
    ...(entry.finishedAt ? { finishedAt: entry.finishedAt } : {}),
  };
}

/** Ledger cursors: the last entry of a page, opaque to clients. */
export function encodeLedgerCursor(entry: LedgerEntry): string {
  return Buffer.from(
    JSON.stringify({ c: entry.createdAt, i: entry.id }),
  ).toString('base64url');
}

export function decodeLedgerCursor(cursor: string): {
  createdAt: string;
  id: string;
} {
  try {
    const { c, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      typeof c === 'string' &&
      typeof i === 'string' &&
      !isNaN(Date.parse(c))
    ) {
      return { createdAt: c, id: i };
    }
  } catch {
    // fall through
  }
  throw new InputError('Invalid request: cursor: not a cursor of this list');
}
