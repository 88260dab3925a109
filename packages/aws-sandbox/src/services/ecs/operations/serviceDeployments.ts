import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import {
  optionalArray,
  optionalNumber,
  optionalString,
  requireArray,
  requireString,
} from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import type { ServiceDeploymentRecord } from '../model';
import {
  renderRevision,
  renderServiceDeployment,
  renderServiceDeploymentBrief,
} from '../render';
import {
  continueServiceDeployment,
  stopServiceDeployment,
} from '../serviceDeployments';
import { INVALID } from './common';

const toMs = (value: unknown): number | undefined => {
  if (value === undefined || value === null) return undefined;
  // JSON 1.1 timestamps arrive as epoch seconds.
  const n =
    typeof value === 'number' ? value * 1000 : Date.parse(String(value));
  if (!Number.isFinite(n))
    throw new AwsError(INVALID, 'Invalid createdAt filter.');
  return n;
};

function deployment(store: EcsStore, arn: string): ServiceDeploymentRecord {
  const found = store.deployments.get(arn);
  if (!found) {
    throw new AwsError(
      'ServiceDeploymentNotFoundException',
      `The service deployment ${arn} does not exist.`,
    );
  }
  return found;
}

export function serviceDeploymentOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    ListServiceDeployments(input, ctx) {
      const service = store.service(
        optionalString(input, 'cluster', INVALID),
        requireString(input, 'service', INVALID),
        callerScope(ctx),
      );
      const statuses = optionalArray<string>(input, 'status', INVALID);
      const before = toMs(input.createdAt?.before);
      const after = toMs(input.createdAt?.after);
      const maxResults = optionalNumber(input, 'maxResults', INVALID);
      if (maxResults !== undefined && (maxResults < 1 || maxResults > 100)) {
        throw new AwsError(INVALID, 'maxResults must be between 1 and 100.');
      }
      const matching = store
        .deploymentsOf(service.arn)
        .filter(
          d =>
            (!statuses?.length || statuses.includes(d.status)) &&
            (before === undefined || d.createdAt < before) &&
            (after === undefined || d.createdAt > after),
        )
        .reverse();
      const { page, nextToken } = paginate(matching, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults,
        defaultMaxResults: 20,
        invalidTokenCode: INVALID,
      });
      return {
        serviceDeployments: page.map(renderServiceDeploymentBrief),
        nextToken,
      };
    },

    DescribeServiceDeployments(input) {
      const arns = requireArray<string>(
        input,
        'serviceDeploymentArns',
        INVALID,
      );
      if (arns.length > 20) {
        throw new AwsError(
          INVALID,
          'serviceDeploymentArns can have at most 20 items.',
        );
      }
      const serviceDeployments = [];
      const failures = [];
      for (const arn of arns) {
        const found = store.deployments.get(arn);
        if (found)
          serviceDeployments.push(renderServiceDeployment(store, found));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { serviceDeployments, failures };
    },

    DescribeServiceRevisions(input) {
      const arns = requireArray<string>(input, 'serviceRevisionArns', INVALID);
      if (arns.length > 20) {
        throw new AwsError(
          INVALID,
          'serviceRevisionArns can have at most 20 items.',
        );
      }
      const serviceRevisions = [];
      const failures = [];
      for (const arn of arns) {
        const found = store.revisions.get(arn);
        if (found) serviceRevisions.push(renderRevision(found));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { serviceRevisions, failures };
    },

    StopServiceDeployment(input) {
      const arn = requireString(input, 'serviceDeploymentArn', INVALID);
      const stopType = optionalString(input, 'stopType', INVALID) ?? 'ROLLBACK';
      if (stopType !== 'ROLLBACK') {
        throw new AwsError(
          INVALID,
          'The valid values for stopType are ROLLBACK.',
        );
      }
      const d = deployment(store, arn);
      stopServiceDeployment(store, d, store.now());
      return { serviceDeploymentArn: d.arn };
    },

    ContinueServiceDeployment(input) {
      const arn = requireString(input, 'serviceDeploymentArn', INVALID);
      const hookId = requireString(input, 'hookId', INVALID);
      const action = optionalString(input, 'action', INVALID) ?? 'CONTINUE';
      if (action !== 'CONTINUE' && action !== 'ROLLBACK') {
        throw new AwsError(INVALID, 'action must be CONTINUE or ROLLBACK.');
      }
      const d = deployment(store, arn);
      continueServiceDeployment(store, d, hookId, action, store.now());
      return { serviceDeploymentArn: d.arn };
    },
  };
}
