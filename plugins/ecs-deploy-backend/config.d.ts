export interface Config {
  ecsDeploy?: {
    /**
     * How long AWS reads are cached (coreServices.cache). Concurrent requests
     * for the same data share one AWS call regardless.
     */
    cache?: {
      /** Data of deployments still moving. Default 5 seconds. */
      activeTtlSeconds?: number;
      /** Data of finished deployments and immutable task definitions. Default 1 hour. */
      finishedTtlSeconds?: number;
      /** Lists (deployment lists, service state, listeners). Default 15 seconds. */
      listTtlSeconds?: number;
      /**
       * What shows an environment at rest, while nothing deploys, scales or
       * waits there: the service, the newest deployments and pipeline
       * executions, the pipeline's state. It changes only when a deployment
       * starts: the portal's own actions forget it, the deployment watcher
       * reads it again at its whole looks (once per `watch.waitingSeconds`
       * while traffic shifts, every slower look) and its scan
       * (`watch.scanMinutes`) at each scan. Most deployments start outside the portal (a CI build's
       * image starts the pipeline), so this is how long one can take to show.
       * Default 60 seconds (`listTtlSeconds` when only that is set).
       */
      idleTtlSeconds?: number;
      /**
       * What, at rest, is read beside an environment's ECS service and
       * changes only with it: the running tasks and the pages of its
       * deployments. They are cached under a digest of the service's state (its
       * deployments, task sets, counts and newest event), so the service,
       * read again each `idleTtlSeconds`, tells when they changed; while it
       * does not, they live this long. A task's health that changes without
       * ECS starting or stopping a task shows after this at most. Default
       * 5 minutes (`idleTtlSeconds` when only that or `listTtlSeconds` is set).
       */
      settledTtlSeconds?: number;
      /** Resolution of entities to AWS resources (tags, CodeDeploy lookup). Default 10 minutes. */
      resolutionTtlSeconds?: number;
      /**
       * A read reuses the catalog lookup of the entity and the permission
       * decision made for the same signed-in user and entity this long ago
       * at most (each is an HTTP round trip per request otherwise); never
       * across users, never for service callers, never for mutations.
       * 0 turns it off. Default 5 seconds.
       */
      accessMemoSeconds?: number;
      /**
       * Memory each backend process spends on values it also keeps in front
       * of coreServices.cache, so that many viewers of one entity cost one
       * deserialisation per lifetime; measured as the values' JSON size, the
       * least recently used go first. Default 64.
       */
      memoryMegabytes?: number;
      /**
       * An optional cap on the number of those values, on top of
       * `memoryMegabytes`. No cap by default.
       */
      memoryEntries?: number;
      /**
       * When AWS throttles or fails, a value that expired at most this long
       * ago answers instead of an error (stale-if-error). 0 turns it off.
       * Default 300 seconds.
       */
      staleIfErrorSeconds?: number;
    };
    /**
     * The deployment watcher: one replica at a time (coreServices.scheduler)
     * follows every deployment that moves or waits, keeps what viewers read
     * fresh in the shared cache, and signals the entity's tabs when it changes.
     */
    watch?: {
      /** Off: no watcher, the tabs poll. Default true. */
      enabled?: boolean;
      /**
       * Between two looks while traffic shifts or tasks start. Default 2
       * seconds. A canary or linear shift between its steps is looked at
       * when CodeDeploy says the next step is due, within `waitingSeconds`.
       */
      movingSeconds?: number;
      /** Between two looks during a bake or termination wait. Default 60 seconds. */
      bakingSeconds?: number;
      /**
       * Between two looks while a deployment waits for a person. Default 30
       * seconds. Also how often a look while traffic shifts reads the rest
       * of the entity (its other environments, what is at rest) again.
       */
      waitingSeconds?: number;
      /**
       * Between two scans of the catalog's ECS entities for deployments
       * nobody has opened in the portal yet. Default 10 minutes.
       */
      scanMinutes?: number;
    };
    /**
     * Notifications to an entity's owners (the notifications backend must be
     * installed), one per event, sent by the watcher.
     */
    notifications?: {
      /** Off: no notifications at all. Default true. */
      enabled?: boolean;
      /** Which events are told. Each defaults to true. */
      events?: {
        /** A deployment or a pipeline approval waits for a person. */
        waiting?: boolean;
        /** A deployment failed or was stopped. */
        failed?: boolean;
        /** A deployment rolled back. */
        rolledBack?: boolean;
        /** A promotion started from the portal finished (to who started it). */
        promotionFinished?: boolean;
      };
      /** Where the Deployments tab sits under the entity page. Default `/deployments`. */
      deploymentsPath?: string;
    };
    /** Mutating actions (continue, approve, promote, ...). */
    actions?: {
      /**
       * One action runs at a time per entity and environment, across
       * replicas: it holds a lease in the plugin's database. This is how long
       * the lease holds when its action neither finishes nor is settled (its
       * process died, or AWS's answer was lost); a pending action older than
       * this is settled by reading AWS. Default 120 seconds.
       */
      leaseSeconds?: number;
      /**
       * Starting a release of an EXTERNAL-controller service waits this long
       * for its new task set to be steady before routing test traffic to it;
       * a task set that is not steady by then is deleted and the start fails
       * (409 `TaskSetNotSteady`). Below `leaseSeconds`. Default 90 seconds
       * (or three quarters of the lease, when that is shorter).
       */
      releaseSteadySeconds?: number;
    };
    /**
     * At start, read the account-level indexes a first view would otherwise
     * wait for: the CodeDeploy deployment groups of every account and region
     * the catalog's ECS services live in (for services whose environment
     * does not annotate its group). Requests are served meanwhile; the
     * backend reports ready once it is done, or after 30 seconds. Default
     * true.
     */
    warmOnStart?: boolean;
    /**
     * With `warmOnStart`, also read what the tabs of this many entities with
     * ECS Deploy annotations read when they open (in catalog order, within
     * the same 30 seconds), so that viewers arriving after a restart find
     * it cached. It costs the AWS calls of their first loads, at start. 0
     * reads none. Default 50.
     */
    warmEntitiesOnStart?: number;
    /**
     * Where tag lookups search: `ecs-deploy.io/discovery: tags` (resources
     * tagged with the entity) and the awslabs `aws.amazon.com/*-tags`
     * annotations. The Tagging API is per account and region, so list them.
     * When set, these win over `aws.locator.resourceTaggingApi`; without
     * either, a tag lookup answers 404 saying so.
     */
    discovery?: {
      locations?: Array<{
        accountId: string;
        /** Regions to search; default `ecsDeploy.aws.defaultRegion`. */
        regions?: string[];
      }>;
    };
  };
  /**
   * The resource locator of the awslabs AWS plugins
   * (awslabs/backstage-plugins-for-aws, docs/locating-resources.md). ECS
   * Deploy reads it for its tag lookups when `ecsDeploy.discovery.locations`
   * is not set.
   */
  aws?: {
    locator?: {
      /**
       * `resourceTaggingApi` (the default) is the only locator ECS Deploy
       * supports; `resourceExplorer` and `awsConfig` make the backend refuse
       * to start unless `ecsDeploy.discovery.locations` is set.
       */
      type?: string;
      resourceTaggingApi?: {
        /** Accounts to search, each reached with its credentials from `aws.accounts`. */
        accounts?: string[];
        /** Regions to search in every account; default `ecsDeploy.aws.defaultRegion`. */
        regions?: string[];
      };
    };
  };
}
