export interface Config {
  /** The local AWS sandbox (`@ecs-deploy/aws-sandbox`). */
  awsSandbox?: {
    /**
     * Whether the sandbox runs. Set to `true` to let a production backend
     * (`NODE_ENV=production`) call it through a loopback `ecsDeploy.aws.endpoint`.
     */
    enabled?: boolean;
  };
  /** Configuration of the ECS Deploy plugins (backend and scaffolder module). */
  ecsDeploy?: {
    aws?: {
      /**
       * Endpoint override for every AWS client (ECS, CodeDeploy, CodePipeline,
       * ECR, ELBv2, Tagging), e.g. the local AWS sandbox `http://127.0.0.1:4599`.
       * Leave unset for real AWS (`null` unsets a value an earlier config file
       * set). With `NODE_ENV=production` a loopback endpoint (127.0.0.0/8,
       * ::1, localhost) is refused at startup unless `awsSandbox.enabled` is
       * `true`.
       */
      endpoint?: string;
      /**
       * Region for clients when a resource does not name one (Tagging API
       * discovery). Defaults to `us-east-1`.
       */
      defaultRegion?: string;
      /** Attempts per AWS call, including retries with backoff. Defaults to 3. */
      maxAttempts?: number;
    };
    tags?: {
      /**
       * Tag key naming the owning entity on AWS resources, value an entity
       * ref like `component:default/payments-api`. Defaults to `backstage.io/entity`.
       */
      entityKey?: string;
      /** Tag key naming the environment. Defaults to `environment`. */
      environmentKey?: string;
      /**
       * Tag key naming the owning group on the resources the scaffolder
       * creates; a resource is only adopted by a caller in that group.
       * Defaults to `backstage.io/owner`.
       */
      ownerKey?: string;
    };
  };
}
