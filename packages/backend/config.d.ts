export interface Config {
  /** The embedded AWS sandbox (packages/aws-sandbox), for demos without an AWS account. */
  awsSandbox?: {
    /** Start the sandbox with the demo fleet inside the backend. */
    enabled?: boolean;
    /** Port on 127.0.0.1; point `ecsDeploy.aws.endpoint` at it. Default 4599. */
    port?: number;
    /** How many times faster than AWS's real time lifecycles run. Default 30. */
    speed?: number;
    /** State file (relative to the backend working directory); state survives restarts. */
    stateFile?: string;
    /**
     * The control API's token (`/_sandbox/*`). Default: a new random one per
     * start, logged at start. Fix it only for tests that drive the sandbox.
     * @visibility secret
     */
    controlToken?: string;
    /**
     * Local git repositories the sandbox's pipelines read as the
     * repositories of their Git connection (CodeStarSourceConnection)
     * sources: `FullRepositoryId` `<owner>/<repo>` is the repository in
     * `<directory>/<repo>`. Point it at
     * `ecsDeploy.scaffolder.infraRepository.directory` so that a service the
     * template creates deploys what the template wrote.
     */
    sourceRepositories?: {
      /** Directory holding the repositories (relative to the backend working directory). */
      directory: string;
      /** The repository owner of `FullRepositoryId` it stands for. Default `local`. */
      owner?: string;
    };
  };
}
