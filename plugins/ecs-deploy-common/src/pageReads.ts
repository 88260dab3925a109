/**
 * One read a tab of the ECS Deploy frontend makes: a path under the entity's
 * `/entities/:kind/:namespace/:name` and its query.
 *
 * @public
 */
export interface EcsDeployPageRead {
  path: string;
  query?: Record<string, string>;
  /** Sent with the fresh-read header (after a signal). */
  fresh?: boolean;
}

/**
 * What a tab reads when it opens and when a signal says an environment
 * changed.
 *
 * @public
 */
export interface EcsDeployPageReads {
  /**
   * On opening, given the entity's environments in promotion order: waves
   * of reads made together, each wave once the one before has answered.
   */
  open: (environments: string[]) => EcsDeployPageRead[][];
  onSignal: (environment: string) => EcsDeployPageRead[];
}

/**
 * The reads each tab of the ECS Deploy frontend makes, so a capacity plan or
 * a load test can replay a viewer exactly. The frontend's tests render each
 * tab over HTTP and hold it to this list; with signals working, the tabs
 * make no other read.
 *
 * @public
 */
export const ecsDeployPageReads: Record<
  'deployments' | 'traffic',
  EcsDeployPageReads
> = {
  deployments: {
    // The metrics card (last environment, 30 days) renders once the strip
    // has answered; the timeline is read with the strip.
    open: (environments): EcsDeployPageRead[][] => [
      [
        { path: '/environments' },
        { path: '/ledger', query: { limit: '100' } },
        { path: '/tasks' },
        { path: '/history', query: { limit: '50' } },
      ],
      [
        {
          path: '/metrics',
          query: {
            window: '30',
            environment: environments[environments.length - 1],
          },
        },
      ],
    ],
    // The strip, the newest history, the ledger and that environment's
    // running tasks; the metrics card waits for its own window change.
    onSignal: (environment): EcsDeployPageRead[] => [
      { path: '/environments', fresh: true },
      { path: '/ledger', query: { limit: '100' }, fresh: true },
      { path: '/history', query: { limit: '50' }, fresh: true },
      { path: '/tasks', query: { environment }, fresh: true },
    ],
  },
  traffic: {
    open: (): EcsDeployPageRead[][] => [[{ path: '/traffic' }]],
    onSignal: (environment): EcsDeployPageRead[] => [
      { path: '/traffic', query: { environment }, fresh: true },
    ],
  },
};
