import { ecsClusterArn } from '../../../core/arns';
import { AwsError } from '../../../core/AwsError';
import { callerScope } from '../../../core/callerScope';
import { paginate } from '../../../core/pagination';
import type { OperationHandler } from '../../../core/types';
import { optionalNumber, optionalString } from '../../../core/validate';
import type { EcsStore } from '../EcsStore';
import { nameOf, scopeOf } from '../references';
import { renderCluster } from '../render';
import { INVALID, ecsTagsInput, includes } from './common';

export function clusterOperations(
  store: EcsStore,
): Record<string, OperationHandler> {
  return {
    CreateCluster(input, ctx) {
      const name = optionalString(input, 'clusterName', INVALID) ?? 'default';
      if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) {
        throw new AwsError(
          INVALID,
          'Cluster name may contain letters, numbers, hyphens and underscores.',
        );
      }
      const scope = callerScope(ctx);
      const arn = ecsClusterArn(scope, name);
      const existing = store.clusters.get(arn);
      // CreateCluster is idempotent for an active cluster, as in AWS.
      if (!existing || existing.status !== 'ACTIVE') {
        store.clusters.set(arn, {
          arn,
          name,
          ...scope,
          status: 'ACTIVE',
          createdAt: store.now(),
        });
        store.world.tags.register(arn);
      }
      store.world.tags.tag(arn, ecsTagsInput(input.tags));
      return { cluster: renderCluster(store, store.clusters.get(arn)!, true) };
    },

    DescribeClusters(input, ctx) {
      const refs: string[] =
        Array.isArray(input.clusters) && input.clusters.length
          ? input.clusters
          : ['default'];
      const clusters = [];
      const failures = [];
      for (const ref of refs) {
        const scope = scopeOf(ref, callerScope(ctx));
        const arn = ecsClusterArn(scope, nameOf(ref));
        const found = store.clusters.get(arn);
        if (found)
          clusters.push(renderCluster(store, found, includes(input, 'TAGS')));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { clusters, failures };
    },

    ListClusters(input, ctx) {
      const arns = [...store.clusters.values()]
        .filter(
          c =>
            c.accountId === ctx.accountId &&
            c.region === ctx.region &&
            c.status === 'ACTIVE',
        )
        .map(c => c.arn);
      const { page, nextToken } = paginate(arns, {
        nextToken: optionalString(input, 'nextToken', INVALID),
        maxResults: optionalNumber(input, 'maxResults', INVALID),
        defaultMaxResults: 100,
        invalidTokenCode: INVALID,
      });
      return { clusterArns: page, nextToken };
    },
  };
}
