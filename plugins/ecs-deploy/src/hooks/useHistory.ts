import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  DeploymentStatus,
  DeploymentSummary,
  UnreadableEnvironment,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../api';
import { useEntityRef } from './useEntityRef';

/** The filters of the history timeline. */
export type HistoryFilters = {
  environment?: string;
  status?: DeploymentStatus;
};

/** A page size the backend accepts (1-100) and that fills a few table pages. */
const PAGE_SIZE = 50;

/**
 * The history timeline, loaded a page at a time: the first page on mount
 * and whenever the filters change, older pages on `loadMore`. Items stay in
 * memory so going back a page costs nothing; the table renders one page of
 * rows, so even 1,000 loaded entries stay fast. A new `refreshKey` reloads
 * from the newest entry (after an action, say).
 */
export function useHistory(filters: HistoryFilters, refreshKey = 0) {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const [items, setItems] = useState<DeploymentSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  // The latest page's: whose history it had to leave out.
  const [unreadable, setUnreadable] = useState<UnreadableEnvironment[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  // Answers for old filters that arrive late must not overwrite new ones.
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | undefined, replace: boolean) => {
      const current = ++generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.getHistory(entityRef, {
          environment: filters.environment,
          status: filters.status ? [filters.status] : undefined,
          cursor,
          limit: PAGE_SIZE,
        });
        if (current !== generation.current) {
          return;
        }
        setItems(previous =>
          replace ? page.items : [...previous, ...page.items],
        );
        setNextCursor(page.nextCursor);
        setUnreadable(page.unreadable ?? []);
      } catch (e) {
        if (current === generation.current) {
          setError(e as Error);
        }
      } finally {
        if (current === generation.current) {
          setLoading(false);
        }
      }
    },
    [api, entityRef, filters.environment, filters.status],
  );

  useEffect(() => {
    load(undefined, true);
  }, [load, refreshKey]);

  const loadMore = useCallback(() => {
    if (nextCursor) {
      load(nextCursor, false);
    }
  }, [load, nextCursor]);

  const reload = useCallback(() => load(undefined, true), [load]);

  return {
    items,
    unreadable,
    loading,
    error,
    hasMore: Boolean(nextCursor),
    loadMore,
    reload,
  };
}
