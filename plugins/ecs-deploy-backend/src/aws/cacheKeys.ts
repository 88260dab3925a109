/*
 * Every key of the read cache, in one place: keys name the AWS account and
 * region (or an ARN that names them) of what they hold, so entities sharing a
 * resource share its entry and no two resources share one.
 */

/** Where a resource lives. */
interface Where {
  accountId: string;
  region: string;
}

const at = (w: Where) => `${w.accountId}:${w.region}`;

/** A value read beside a service's state, under that state's digest. */
const versioned = (version?: string) => (version ? `@${version}` : '');

export const cacheKeys = {
  /** One member of a batch-described family (`prefix` from a key below). */
  member: (prefix: string, id: string) => `${prefix}:${id}`,
  /** The one in-flight describe of a family's missing members. */
  batch: (prefix: string, ids: string[]) => `${prefix}:batch:${ids.join(',')}`,

  ecsService: (serviceArn: string) => `ecs:service:${serviceArn}`,
  ecsTaskDefinition: (arn: string) => `ecs:taskdef:${arn}`,
  /** `version`: the service state's it was read beside (aws/serviceVersion.ts). */
  ecsServiceDeploymentPage: (
    serviceArn: string,
    pageSize: number,
    token: string | undefined,
    version?: string,
  ) =>
    `ecs:servicedeployments:${serviceArn}:${pageSize}:${token ?? ''}${versioned(
      version,
    )}`,
  ecsServiceRevisions: (arns: string[]) => `ecs:revisions:${arns.join(',')}`,
  ecsStoppedTasks: (serviceArn: string) => `ecs:stopped:${serviceArn}`,
  /** An environment's running tasks with their deployments (named by its history). */
  ecsRunningTasks: (
    serviceArn: string,
    environment: string,
    version?: string,
  ) => `ecs:running:${serviceArn}:${environment}${versioned(version)}`,
  /** Prefix of an environment's ECS deployment summaries (members by ARN). */
  ecsSummaries: (environment: string) => `ecs:summary:${environment}`,

  codeDeployGroup: (w: Where, application: string, group: string) =>
    `codedeploy:group:${at(w)}:${application}/${group}`,
  codeDeployConfig: (w: Where, name: string) =>
    `codedeploy:config:${at(w)}:${name}`,
  codeDeployDeploymentPage: (
    w: Where,
    application: string,
    group: string,
    token: string | undefined,
    version?: string,
  ) =>
    `codedeploy:deployments:${at(w)}:${application}/${group}:${
      token ?? ''
    }${versioned(version)}`,
  codeDeployTargets: (accountId: string, deploymentId: string) =>
    `codedeploy:targets:${accountId}:${deploymentId}`,
  /** Prefix of an environment's CodeDeploy summaries (members by id). */
  codeDeploySummaries: (accountId: string, environment: string) =>
    `codedeploy:summary:${accountId}:${environment}`,
  codeDeployDetail: (w: Where, environment: string, deploymentId: string) =>
    `codedeploy:detail:${at(w)}:${environment}:${deploymentId}`,
  codeDeployGroupIndex: (w: Where) => `codedeploy:groupindex:${at(w)}`,
  codeDeployGroupIndexRefresh: (w: Where, applications?: string[]) =>
    `codedeploy:groupindex:${at(w)}:refresh:${applications?.join(',') ?? '*'}`,

  pipelineState: (pipelineArn: string) => `codepipeline:state:${pipelineArn}`,
  pipelinePage: (
    pipelineArn: string,
    environment: string,
    token: string | undefined,
  ) => `codepipeline:page:${pipelineArn}:${environment}:${token ?? ''}`,
  pipelineLinks: (pipelineArn: string, executionId: string) =>
    `codepipeline:links:${pipelineArn}:${executionId}`,
  pipelineActionIndex: (pipelineArn: string) =>
    `codepipeline:actions:${pipelineArn}`,
  pipelineActionIndexKept: (pipelineArn: string) =>
    `codepipeline:actions:${pipelineArn}:kept`,
  pipelineActionIndexExtension: (pipelineArn: string) =>
    `codepipeline:actions:${pipelineArn}:extend`,
  pipelineActionIndexPart: (pipelineArn: string, chain: string, part: number) =>
    `codepipeline:actions:${pipelineArn}:part:${chain}:${part}`,
  pipelineStarter: (pipelineArn: string, deploymentId: string) =>
    `codepipeline:starter:${pipelineArn}:${deploymentId}`,
  pipelineWatchedTag: (pipelineArn: string, repository: string) =>
    `codepipeline:ecrtag:${pipelineArn}:${repository}`,

  ecrDigest: (w: Where, repository: string, tag: string) =>
    `ecr:digest:${at(w)}:${repository}:${tag}`,

  elbTargetGroups: (w: Where, arns: string[], names: string[]) =>
    `elb:targetgroups:${at(w)}:${arns.join(',')}|${names.join(',')}`,
  elbListeners: (w: Where, listenerArns: string[], loadBalancerArn?: string) =>
    `elb:listeners:${at(w)}:${listenerArns.join(',')}|${loadBalancerArn ?? ''}`,
  elbRules: (w: Where, ruleArns: string[]) =>
    `elb:rules:${at(w)}:${ruleArns.join(',')}`,

  taggedResources: (w: Where, entityRef: string) =>
    `tagging:${at(w)}:${entityRef}`,
  /** Tags as JSON: keys and values may hold any separator. */
  resourcesWithTags: (
    w: Where,
    resourceType: string,
    tags: Array<{ key: string; value: string }>,
  ) =>
    `tagging:lookup:${at(w)}:${resourceType}:${JSON.stringify(
      tags.map(t => [t.key, t.value]),
    )}`,
};
