import {
  ApplicationInfo,
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  CodeDeployClient,
  ContinueDeploymentCommand,
  ContinueDeploymentCommandInput,
  CreateApplicationCommand,
  CreateApplicationCommandInput,
  CreateDeploymentConfigCommand,
  CreateDeploymentConfigCommandInput,
  CreateDeploymentGroupCommand,
  CreateDeploymentGroupCommandInput,
  DeploymentConfigInfo,
  DeploymentGroupInfo,
  DeploymentInfo,
  DeploymentTarget,
  GetApplicationCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  ListDeploymentsCommandInput,
  ListTagsForResourceCommand,
  StopDeploymentCommand,
  StopDeploymentCommandInput,
  Tag,
  paginateListApplications,
  paginateListDeploymentGroups,
} from '@aws-sdk/client-codedeploy';
import { GatewayCallContext, call, chunk, collect, unlessAbsent } from './call';

/*
 * AWS CodeDeploy: every CodeDeploy command the suite sends is built here.
 * Lookups that may find nothing answer `undefined`; listings that need every
 * page walk them; batch reads split their input by AWS's limits.
 */

/**
 * A CodeDeploy deployment group, by application and name.
 *
 * @public
 */
export interface DeploymentGroupName {
  /** The application the group belongs to. */
  applicationName: string;
  /** The group's name, unique within its application. */
  deploymentGroupName: string;
}

/**
 * The CodeDeploy application, unless it does not exist.
 *
 * @public
 */
export async function findApplication(
  codeDeploy: CodeDeployClient,
  applicationName: string,
  context?: GatewayCallContext,
): Promise<ApplicationInfo | undefined> {
  const out = await call('codedeploy:GetApplication', context, () =>
    unlessAbsent(['ApplicationDoesNotExistException'], () =>
      codeDeploy.send(new GetApplicationCommand({ applicationName })),
    ),
  );
  return out?.application;
}

/**
 * The deployment group. One that does not exist, or whose application does
 * not, is a `NotFoundError` (`findDeploymentGroup` answers `undefined`).
 *
 * @public
 */
export async function getDeploymentGroup(
  codeDeploy: CodeDeployClient,
  group: DeploymentGroupName,
  context?: GatewayCallContext,
): Promise<DeploymentGroupInfo> {
  const out = await call('codedeploy:GetDeploymentGroup', context, () =>
    codeDeploy.send(new GetDeploymentGroupCommand(group)),
  );
  return out.deploymentGroupInfo ?? {};
}

/**
 * The deployment group, unless it or its application does not exist.
 *
 * @public
 */
export async function findDeploymentGroup(
  codeDeploy: CodeDeployClient,
  group: DeploymentGroupName,
  context?: GatewayCallContext,
): Promise<DeploymentGroupInfo | undefined> {
  const out = await call('codedeploy:GetDeploymentGroup', context, () =>
    unlessAbsent(
      [
        'DeploymentGroupDoesNotExistException',
        'ApplicationDoesNotExistException',
      ],
      () => codeDeploy.send(new GetDeploymentGroupCommand(group)),
    ),
  );
  return out?.deploymentGroupInfo;
}

/**
 * A deployment configuration, predefined (`CodeDeployDefault.ECSAllAtOnce`) or
 * custom; one that does not exist is a `NotFoundError`.
 *
 * @public
 */
export async function getDeploymentConfig(
  codeDeploy: CodeDeployClient,
  deploymentConfigName: string,
  context?: GatewayCallContext,
): Promise<DeploymentConfigInfo> {
  const out = await call('codedeploy:GetDeploymentConfig', context, () =>
    codeDeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName })),
  );
  return out.deploymentConfigInfo ?? {};
}

/**
 * The deployment configuration, unless it does not exist.
 *
 * @public
 */
export async function findDeploymentConfig(
  codeDeploy: CodeDeployClient,
  deploymentConfigName: string,
  context?: GatewayCallContext,
): Promise<DeploymentConfigInfo | undefined> {
  const out = await call('codedeploy:GetDeploymentConfig', context, () =>
    unlessAbsent(['DeploymentConfigDoesNotExistException'], () =>
      codeDeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName })),
    ),
  );
  return out?.deploymentConfigInfo;
}

/**
 * One page of a deployment group's deployment ids, newest first.
 *
 * @public
 */
export async function listDeployments(
  codeDeploy: CodeDeployClient,
  input: ListDeploymentsCommandInput,
  context?: GatewayCallContext,
): Promise<{ ids: string[]; nextToken?: string }> {
  const out = await call('codedeploy:ListDeployments', context, () =>
    codeDeploy.send(new ListDeploymentsCommand(input)),
  );
  return {
    ids: out.deployments ?? [],
    ...(out.nextToken ? { nextToken: out.nextToken } : {}),
  };
}

/**
 * Deployments by id, 25 per call (AWS's limit), in parallel.
 *
 * @public
 */
export async function batchGetDeployments(
  codeDeploy: CodeDeployClient,
  deploymentIds: string[],
  context?: GatewayCallContext,
): Promise<DeploymentInfo[]> {
  const pages = await Promise.all(
    chunk(deploymentIds, 25).map(ids =>
      call(
        'codedeploy:BatchGetDeployments',
        context ?? { resource: ids.join(', ') },
        () =>
          codeDeploy.send(
            new BatchGetDeploymentsCommand({ deploymentIds: ids }),
          ),
      ),
    ),
  );
  return pages.flatMap(p => p.deploymentsInfo ?? []);
}

/**
 * The targets of a deployment: their ids, then their details. A deployment
 * that has not started yet has none (CodeDeploy answers
 * `DeploymentNotStartedException` to the listing and to the details): a
 * read says so, it does not fail.
 *
 * @public
 */
export async function deploymentTargets(
  codeDeploy: CodeDeployClient,
  deploymentId: string,
  context?: GatewayCallContext,
): Promise<DeploymentTarget[]> {
  const notStarted = ['DeploymentNotStartedException'];
  const list = await call('codedeploy:ListDeploymentTargets', context, () =>
    unlessAbsent(notStarted, () =>
      codeDeploy.send(new ListDeploymentTargetsCommand({ deploymentId })),
    ),
  );
  const targetIds = list?.targetIds ?? [];
  if (!targetIds.length) return [];
  const out = await call('codedeploy:BatchGetDeploymentTargets', context, () =>
    unlessAbsent(notStarted, () =>
      codeDeploy.send(
        new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds }),
      ),
    ),
  );
  return out?.deploymentTargets ?? [];
}

/**
 * Every application name of the account and region.
 *
 * @public
 */
export async function listApplications(
  codeDeploy: CodeDeployClient,
  context?: GatewayCallContext,
): Promise<string[]> {
  return call('codedeploy:ListApplications', context, () =>
    collect(
      paginateListApplications({ client: codeDeploy }, {}),
      p => p.applications,
    ),
  );
}

/**
 * Every deployment group name of an application.
 *
 * @public
 */
export async function listDeploymentGroups(
  codeDeploy: CodeDeployClient,
  applicationName: string,
  context?: GatewayCallContext,
): Promise<string[]> {
  return call('codedeploy:ListDeploymentGroups', context, () =>
    collect(
      paginateListDeploymentGroups({ client: codeDeploy }, { applicationName }),
      p => p.deploymentGroups,
    ),
  );
}

/**
 * Deployment groups of one application, 100 per call (AWS's limit), one after
 * the other.
 *
 * @public
 */
export async function batchGetDeploymentGroups(
  codeDeploy: CodeDeployClient,
  input: { applicationName: string; deploymentGroupNames: string[] },
  context?: GatewayCallContext,
): Promise<DeploymentGroupInfo[]> {
  const infos: DeploymentGroupInfo[] = [];
  for (const deploymentGroupNames of chunk(input.deploymentGroupNames, 100)) {
    const out = await call('codedeploy:BatchGetDeploymentGroups', context, () =>
      codeDeploy.send(
        new BatchGetDeploymentGroupsCommand({
          applicationName: input.applicationName,
          deploymentGroupNames,
        }),
      ),
    );
    infos.push(...(out.deploymentGroupsInfo ?? []));
  }
  return infos;
}

/**
 * Tags of a CodeDeploy application or deployment group, by ARN.
 *
 * @public
 */
export async function listTagsForResource(
  codeDeploy: CodeDeployClient,
  resourceArn: string,
  context?: GatewayCallContext,
): Promise<Tag[]> {
  const out = await call('codedeploy:ListTagsForResource', context, () =>
    codeDeploy.send(
      new ListTagsForResourceCommand({ ResourceArn: resourceArn }),
    ),
  );
  return out.Tags ?? [];
}

/**
 * Lets a waiting blue/green deployment go on: reroutes traffic to the
 * replacement tasks (`READY_WAIT`) or ends the wait before the original ones
 * are terminated (`TERMINATION_WAIT`).
 *
 * @public
 */
export async function continueDeployment(
  codeDeploy: CodeDeployClient,
  input: ContinueDeploymentCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codedeploy:ContinueDeployment', context, () =>
    codeDeploy.send(new ContinueDeploymentCommand(input)),
  );
}

/**
 * Stops a deployment in progress; with `autoRollbackEnabled` CodeDeploy also
 * rolls it back.
 *
 * @public
 */
export async function stopDeployment(
  codeDeploy: CodeDeployClient,
  input: StopDeploymentCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codedeploy:StopDeployment', context, () =>
    codeDeploy.send(new StopDeploymentCommand(input)),
  );
}

/**
 * Creates a CodeDeploy application.
 *
 * @public
 */
export async function createApplication(
  codeDeploy: CodeDeployClient,
  input: CreateApplicationCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codedeploy:CreateApplication', context, () =>
    codeDeploy.send(new CreateApplicationCommand(input)),
  );
}

/**
 * Creates a custom deployment configuration (canary or linear traffic
 * shifting).
 *
 * @public
 */
export async function createDeploymentConfig(
  codeDeploy: CodeDeployClient,
  input: CreateDeploymentConfigCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codedeploy:CreateDeploymentConfig', context, () =>
    codeDeploy.send(new CreateDeploymentConfigCommand(input)),
  );
}

/**
 * Creates a deployment group in an existing application.
 *
 * @public
 */
export async function createDeploymentGroup(
  codeDeploy: CodeDeployClient,
  input: CreateDeploymentGroupCommandInput,
  context?: GatewayCallContext,
): Promise<void> {
  await call('codedeploy:CreateDeploymentGroup', context, () =>
    codeDeploy.send(new CreateDeploymentGroupCommand(input)),
  );
}
