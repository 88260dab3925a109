import { Entity } from '@backstage/catalog-model';
import { HistoryResponse } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ClassedCache } from '../cache/ClassedCache';
import { EnvironmentLoader } from '../environments/EnvironmentLoader';
import { ActionLedger } from '../ledger/ActionLedger';
import { ResolvedEnvironment } from '../environments/ResolvedEnvironment';
import { ReadContext } from '../reads/ReadContext';
import { HistoryOptions, historyPageRequest } from './readHistory';
import { withPortalActions } from './portalActions';
import { readReadableHistory } from './readableHistory';

/**
 * The history of an entity: a page of the merged timeline of its
 * environments (one that cannot be read is left out and listed in
 * `unreadable`), with the portal's own record of actions on its entries.
 */
export class HistoryService {
  constructor(
    private readonly deps: {
      ctx: ReadContext;
      environments: EnvironmentLoader;
      /** The portal's own record of actions, shown on the entries they concern. */
      ledger: ActionLedger;
      logUnreadable?: (env: ResolvedEnvironment, error: unknown) => void;
    },
  ) {}

  /** The cache its reads go through; what is derived from the history (the delivery metrics) is kept there too. */
  get cache(): ClassedCache {
    return this.deps.ctx.cache;
  }

  /** The entity's environments, or only the one named (an InputError naming `environment` otherwise). */
  environmentsOf(
    entity: Entity,
    environment?: string,
  ): Promise<ResolvedEnvironment[]> {
    return this.deps.environments.selected(entity, environment);
  }

  async page(
    entity: Entity,
    entityRef: string,
    options: HistoryOptions,
  ): Promise<HistoryResponse> {
    const { ctx, environments, ledger, logUnreadable } = this.deps;
    const request = historyPageRequest(options);
    const page = await readReadableHistory(
      ctx,
      environments,
      await environments.selected(entity, options.environment),
      request,
      logUnreadable,
    );
    return withPortalActions(ledger, entityRef, page);
  }
}
