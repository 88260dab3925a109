import { ECSClient } from '@aws-sdk/client-ecs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { EcsDeployAwsSettings, readEcsDeployAwsSettings } from './config';
import { iamActionPlugin } from './iamAction';
import { assertEndpointAllowed } from './sandboxEndpointGuard';
import { ServerClock, serverClockPlugin } from './serverClock';

/**
 * Where an AWS resource lives.
 *
 * @public
 */
export interface AwsLocation {
  /** The 12-digit AWS account id; credentials are looked up for it. */
  accountId: string;
  /** Defaults to `ecsDeploy.aws.defaultRegion`. */
  region?: string;
}

/**
 * SDK clients for one account and region.
 *
 * @public
 */
export interface AwsClients {
  /** The account every client acts in. */
  accountId: string;
  /** The region every client talks to; the default when none was named. */
  region: string;
  /** Amazon ECS: services, task definitions, tasks, service deployments. */
  ecs: ECSClient;
  /** AWS CodeDeploy: blue/green deployments and their groups. */
  codeDeploy: CodeDeployClient;
  /** AWS CodePipeline: pipelines, executions and approvals. */
  codePipeline: CodePipelineClient;
  /** Amazon ECR: repositories and image tags. */
  ecr: ECRClient;
  /** ELBv2: load balancers, listeners, rules and target groups. */
  elbv2: ElasticLoadBalancingV2Client;
  /** The Resource Groups Tagging API, to find resources by tag. */
  tagging: ResourceGroupsTaggingAPIClient;
}

/**
 * Builds AWS SDK v3 clients per account and region, with credentials from the
 * `aws` integration config and the endpoint override from
 * `ecsDeploy.aws.endpoint`. Clients are cached per account and region.
 *
 * @public
 */
export class AwsClientFactory {
  private readonly clients = new Map<string, Promise<AwsClients>>();

  /** AWS's clock, from the `Date` header of the latest response. */
  readonly clock = new ServerClock();

  /**
   * Reads `ecsDeploy.aws` and the `aws` integration config. With
   * `NODE_ENV=production`, a loopback `ecsDeploy.aws.endpoint` is refused
   * unless `awsSandbox.enabled` is `true`.
   */
  static fromConfig(
    config: Config,
    options?: { credentialsManager?: AwsCredentialsManager },
  ): AwsClientFactory {
    const settings = readEcsDeployAwsSettings(config);
    assertEndpointAllowed(config, settings.endpoint, process.env.NODE_ENV);
    return new AwsClientFactory(
      settings,
      options?.credentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(config),
    );
  }

  /**
   * For settings already read (tests, or a caller with its own credentials
   * manager); `fromConfig` is the usual way in and also applies the
   * production endpoint check.
   */
  constructor(
    /** The `ecsDeploy.aws` settings the clients are built with. */
    readonly settings: EcsDeployAwsSettings,
    private readonly credentialsManager: AwsCredentialsManager,
  ) {}

  /** The region used when a resource names none. */
  get defaultRegion(): string {
    return this.settings.defaultRegion;
  }

  /**
   * Clients for the account and region of a resource. Throws
   * `NotAllowedError` when no credentials are configured for the account.
   */
  forResource(location: AwsLocation): Promise<AwsClients> {
    const region = location.region || this.settings.defaultRegion;
    const key = `${location.accountId}/${region}`;
    let clients = this.clients.get(key);
    if (!clients) {
      clients = this.create(location.accountId, region);
      // A failed credential lookup is not cached, so fixing config and
      // retrying works without a restart.
      clients.catch(() => this.clients.delete(key));
      this.clients.set(key, clients);
    }
    return clients;
  }

  private async create(accountId: string, region: string): Promise<AwsClients> {
    let credentials: AwsCredentialIdentityProvider;
    try {
      const provider = await this.credentialsManager.getCredentialProvider({
        accountId,
      });
      credentials = provider.sdkCredentialProvider;
    } catch (error) {
      throw new NotAllowedError(
        `No AWS credentials for account ${accountId}: add it under aws.accounts in the app config`,
        error,
      );
    }
    const common = {
      region,
      credentials,
      maxAttempts: this.settings.maxAttempts,
      ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
    };
    const withAction = <T extends { middlewareStack: any }>(
      client: T,
      prefix: string,
    ): T => {
      client.middlewareStack.use(iamActionPlugin(prefix));
      client.middlewareStack.use(serverClockPlugin(this.clock));
      // No SDK logger is configured, yet the SDK's logger middleware runs
      // every answer through its sensitive-field filter to hand the copy to
      // a no-op logger: a tenth of the backend's CPU per AWS call.
      client.middlewareStack.remove('loggerMiddleware');
      return client;
    };
    return {
      accountId,
      region,
      ecs: withAction(new ECSClient(common), 'ecs'),
      codeDeploy: withAction(new CodeDeployClient(common), 'codedeploy'),
      codePipeline: withAction(new CodePipelineClient(common), 'codepipeline'),
      ecr: withAction(new ECRClient(common), 'ecr'),
      elbv2: withAction(
        new ElasticLoadBalancingV2Client(common),
        'elasticloadbalancing',
      ),
      tagging: withAction(new ResourceGroupsTaggingAPIClient(common), 'tag'),
    };
  }
}
