export interface Config {
  ecsDeploy?: {
    /** The ECS service Software Template's actions (ecs:*). */
    scaffolder?: {
      /** Environments a new service is created in; the template picks by name. */
      environments?: Array<{
        /** e.g. dev, staging, prod; also the ECR tag the environment's pipeline watches. */
        name: string;
        accountId: string;
        /** Defaults to ecsDeploy.aws.defaultRegion. */
        region?: string;
        cluster: string;
        /** Name or ARN of an existing ALB with a production and a test listener. When absent every service gets its own ALB `<service>-<env>`. */
        loadBalancer?: string;
        /** Default 80. */
        productionListenerPort?: number;
        /** Default 8080. */
        testListenerPort?: number;
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
