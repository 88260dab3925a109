export interface Config {
  /** Configuration of the ECS Deploy plugins (backend and scaffolder module). */
  ecsDeploy?: {
    aws?: {
      /**
       * Endpoint override for every AWS client (ECS, CodeDeploy, CodePipeline,
       * ECR, ELBv2, Tagging), e.g. the local AWS sandbox `http://127.0.0.1:4599`.
       * Leave unset for real AWS.
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
    };
  };
}
