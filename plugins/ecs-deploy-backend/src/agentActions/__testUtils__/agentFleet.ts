import { Entity } from '@backstage/catalog-model';
import {
  component,
  createCluster,
  serviceArn,
} from '../../__testUtils__/sandboxFleet';
import {
  ActionClients,
  createApprovalPipeline,
  createRepository,
  createRollingService,
  pipelineArn,
  pushImage,
  repositoryArn,
  repositoryUri,
} from '../../actions/__testUtils__/actionFleet';

export const GUEST = 'user:default/guest';

/** A service with dev (rolling, ECS) and staging (a pipeline on the `staging` tag). */
function shop(name: string, owner: string): Entity {
  const entity = component(name, {
    'ecs-deploy.io/environments': 'dev,staging',
    'ecs-deploy.io/ecr-repository-arn': repositoryArn(name),
    'ecs-deploy.io/service-arn.dev': serviceArn(`${name}-dev`, name),
    'ecs-deploy.io/pipeline-arn.staging': pipelineArn(`${name}-staging`),
  });
  return { ...entity, spec: { ...entity.spec, owner } };
}

/**
 * `shop`, the guest's team's, and `vault`, another team's. Both are tagged
 * for themselves in AWS: only the owner check tells them apart.
 */
export const agentEntities = [
  shop('shop', 'team-payments'),
  shop('vault', 'team-ledger'),
];

/** The teams of the users, for the owner check. */
export const agentTeams = { [GUEST]: 'team-payments' };

/**
 * Creates the AWS side of `agentEntities`: each dev runs `abc1234` by
 * digest, staging's pipeline watches the `staging` tag. Returns each
 * entity's image digest.
 */
export async function createAgentFleet(
  clients: ActionClients,
): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const { metadata } of agentEntities) {
    const name = metadata.name;
    await createCluster(clients, `${name}-dev`);
    await createRepository(clients, name, { tagged: true });
    digests[name] = await pushImage(clients, name, 'abc1234', ['abc1234']);
    await createRollingService(
      clients,
      `${name}-dev`,
      name,
      `${repositoryUri(name)}@${digests[name]}`,
      { tagged: true },
    );
    await createApprovalPipeline(clients, `${name}-staging`, name, 'staging', {
      owner: name,
    });
  }
  return digests;
}
