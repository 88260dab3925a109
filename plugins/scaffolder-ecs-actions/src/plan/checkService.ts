import type {
  AwsClientFactory,
  EcsDeployTagKeys,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { notOurs, standingOf } from '../authz/adoption';
import type { ServiceOwnership } from '../authz/ServiceAuthorizer';
import { findRepository } from '../aws/ecr';
import type { EnvironmentTarget } from '../config/scaffolderConfig';
import { inspectCodeDeploySite } from '../inspect/codeDeploySite';
import { inspectPipelineSite } from '../inspect/pipelineSite';
import { inspectServiceSite } from '../inspect/serviceSite';
import {
  InfraRepositoryLocation,
  localRepositoryComponent,
  repositoryStanding,
} from '../publish/infraRepositoryLocation';
import { codeDeploySpec, planCodeDeploy } from './codeDeployPlan';
import type { TrafficShift } from './deploymentConfig';
import { pipelineTarget, planPipeline } from './pipelinePlan';
import { planService } from './servicePlan';
import { ecrRepositoryName } from './serviceNames';
import { DeploymentInput, serviceLayout } from './serviceSpec';

/** What the template's later steps would do for a service, checked now. */
export interface ServiceCheckInput {
  name: string;
  owner: ServiceOwnership;
  environments: EnvironmentTarget[];
  registry: { accountId: string; region: string };
  deployment: Pick<
    DeploymentInput,
    'deploymentController' | 'strategy' | 'loadBalanced'
  >;
  trafficShift?: TrafficShift;
  infraRepository: InfraRepositoryLocation;
}

/**
 * Every check of the template's later steps (image repository, infrastructure
 * repository, and per environment the service, its deployment group and its
 * pipeline), read from AWS and planned, creating nothing. Conflicts and
 * creations are prefixed with their environment.
 *
 * @public
 */
export async function checkService(
  deps: {
    clients: Pick<AwsClientFactory, 'forResource'>;
    tagKeys: EcsDeployTagKeys;
  },
  input: ServiceCheckInput,
): Promise<{ conflicts: string[]; plan: string[] }> {
  const { clients, tagKeys } = deps;
  const { owner, registry, infraRepository } = input;
  const conflicts: string[] = [];
  const plan: string[] = [];

  const repositoryName = ecrRepositoryName(input.name);
  const [repository, infraOwner] = await Promise.all([
    clients
      .forResource(registry)
      .then(({ ecr }) => findRepository(ecr, repositoryName)),
    infraRepository.localDir
      ? localRepositoryComponent(infraRepository.localDir)
      : undefined,
  ]);
  if (standingOf(repository, owner, tagKeys) === 'foreign') {
    conflicts.push(
      notOurs(
        'name',
        `ECR repository '${repositoryName}' (${registry.accountId}/${registry.region})`,
        owner.entityRef,
        tagKeys,
      ),
    );
  }
  if (!repository) plan.push(`ECR repository ${repositoryName}`);
  if (repositoryStanding(infraOwner, owner) === 'foreign') {
    conflicts.push(
      `repositoryName: ${infraRepository.localDir} exists and is not the infrastructure repository of ${owner.entityRef}`,
    );
  }

  const checkEnvironment = async (env: EnvironmentTarget) => {
    const layout = serviceLayout({
      name: input.name,
      owner,
      env,
      deployment: input.deployment,
    });
    const codeDeploy =
      layout.controller === 'CODE_DEPLOY'
        ? codeDeploySpec(layout, {
            trafficShift: input.trafficShift ?? { type: 'canary' },
            waitForApproval: false,
            readyWaitMinutes: 60,
            terminationWaitMinutes: 60,
            alarms: [],
            autoRollback: true,
          })
        : undefined;
    const pipeline = pipelineTarget({
      name: input.name,
      owner,
      env,
      registry,
      deploy: codeDeploy ? 'codedeploy' : 'ecs',
      // checked once above for every environment
      infraRepository: { ...infraRepository, localDir: undefined },
    });
    const [aws, registryClients] = await Promise.all([
      clients.forResource(env),
      clients.forResource(registry),
    ]);
    const [site, pipelineSite] = await Promise.all([
      inspectServiceSite(aws, layout),
      inspectPipelineSite(
        { pipeline: aws, registry: registryClients },
        pipeline,
      ),
    ]);
    const codeDeploySite = codeDeploy
      ? await inspectCodeDeploySite(aws, codeDeploy, site)
      : undefined;
    const service = planService(layout, site, tagKeys);
    const group =
      codeDeploy && codeDeploySite
        ? planCodeDeploy(codeDeploy, codeDeploySite, tagKeys)
        : undefined;
    const stages = planPipeline(pipeline, pipelineSite, tagKeys);
    // The group's plan repeats the service's conflicts: count them once.
    const found = new Set([
      ...service.conflicts,
      ...(group?.conflicts ?? []),
      ...stages.conflicts,
    ]);
    conflicts.push(...[...found].map(c => `${env.name}: ${c}`));
    plan.push(
      ...[...service.create, ...(group?.create ?? []), ...stages.create].map(
        c => `${env.name}: ${c}`,
      ),
    );
  };
  await Promise.all(input.environments.map(checkEnvironment));
  return { conflicts, plan };
}
