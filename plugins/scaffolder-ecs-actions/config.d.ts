export interface Config {
  ecsDeploy?: {
    /** The ECS service Software Template's actions (ecs:*). */
    scaffolder?: {
      /**
       * Environments a new service is created in; the template picks by name.
       * Only this config names accounts, clusters, networks, roles and shared
       * load balancers: the actions take none of them as input.
       */
      environments?: Array<{
        /** e.g. dev, staging, prod; also the ECR tag the environment's pipeline watches. */
        name: string;
        accountId: string;
        /** Defaults to ecsDeploy.aws.defaultRegion. */
        region?: string;
        cluster: string;
        /** Production listener port of the ALB each service gets (`<service>-<env>`). Default 80. */
        productionListenerPort?: number;
        /** Test listener port of that ALB. Default 8080. */
        testListenerPort?: number;
        /**
         * An ALB the platform team shares between services, for the ECS-native
         * blue/green, canary and linear strategies: each service gets a listener
         * rule for its own host on the given listeners, which are never modified.
         * CODE_DEPLOY services always get an ALB of their own (CodeDeploy swaps a
         * listener's default action).
         */
        sharedLoadBalancer?: {
          /** Name of the ALB. */
          name: string;
          /** Default 80. */
          productionListenerPort?: number;
          /** Default 8080. */
          testListenerPort?: number;
          /** Host of each service on it; must contain `{name}`, e.g. `{name}.dev.example.com`. */
          hostPattern: string;
        };
        subnets?: string[];
        securityGroups?: string[];
        assignPublicIp?: boolean;
        /** Default arn:aws:iam::<account>:role/ecsTaskExecutionRole */
        executionRoleArn?: string;
        taskRoleArn?: string;
        /** Default arn:aws:iam::<account>:role/ecsCodeDeployRole */
        codeDeployRoleArn?: string;
        /** For ECS native blue/green; default arn:aws:iam::<account>:role/ecsInfrastructureRoleForLoadBalancers */
        ecsInfrastructureRoleArn?: string;
        /** Default arn:aws:iam::<account>:role/service-role/AWSCodePipelineServiceRole */
        pipelineRoleArn?: string;
        /** Default codepipeline-<region>-<account> */
        artifactBucket?: string;
      }>;
      /** The account holding the ECR repositories (images are promoted by retagging there). */
      ecr?: { accountId: string; region?: string };
      /** Where ecs:infra-repo:create publishes the infrastructure repository. */
      infraRepository?: {
        /** `local` (a git repository per service under `directory`) or `github` (default). */
        type?: 'local' | 'github';
        /** For `local`: parent directory, relative to the backend's working directory. */
        directory?: string;
        /** For `github`; default github.com */
        host?: string;
        owner?: string;
        /** Default main. */
        branch?: string;
        /** CodeConnections connection ARN the pipelines use to read the repository. */
        connectionArn?: string;
      };
    };
  };
}
