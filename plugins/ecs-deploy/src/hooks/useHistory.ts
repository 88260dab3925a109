import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  DeploymentStatus,
  DeploymentSummary,
  UnreadableEnvironment,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployReadOptions, ecsDeployApiRef } from '../api';
import { useEntityRef } from './useEntityRef';

/** The filters of the history timeline. */
export type HistoryFilters = {
  environment?: string;
  status?: DeploymentStatus;
};

/** A page size the backend accepts (1-100) and that fills a few table pages. */
const PAGE_SIZE = 50;
/** The most the backend gives in one page. */
const MAX_PAGE_SIZE = 100;

/**
 * A request to read the timeline again from its newest entry; each new
 * object is one request.
 */
export type HistoryRefresh = EcsDeployReadOptions;

/**
 * The history timeline, loaded a page at a time: the first page on mount
 * and whenever the filters change, older pages on `loadMore`. Items stay in
 * memory so going back a page costs nothing; the table renders one page of
 * rows, so even 1,000 loaded entries stay fast. A new `refresh` reads
 * again from the newest entry (after an action or a signal), as many
 * entries as are loaded (up to the backend's largest page), so the person
 * stays on the table page they read.
 */
export function useHistory(
  filters: HistoryFilters,
  refresh?: HistoryRefresh,
  /** false: read nothing (the tab shows something else) until it is true. */
  enabled = true,
) {
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
  const loadedCount = useRef(0);
  loadedCount.current = items.length;

  const load = useCallback(
    async (
      cursor: string | undefined,
      replace: boolean,
      options: EcsDeployReadOptions & { limit?: number } = {},
    ) => {
      const current = ++generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.getHistory(
          entityRef,
          {
            environment: filters.environment,
            status: filters.status ? [filters.status] : undefined,
            cursor,
            limit: options.limit ?? PAGE_SIZE,
          },
          { fresh: options.fresh === true },
        );
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
    if (enabled) load(undefined, true);
  }, [load, enabled]);

  const handledRefresh = useRef(refresh);
  useEffect(() => {
    if (!enabled || !refresh || refresh === handledRefresh.current) {
      return;
    }
    handledRefresh.current = refresh;
    load(undefined, true, {
      fresh: refresh.fresh,
      limit: Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, loadedCount.current)),
    });
  }, [load, refresh, enabled]);

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
