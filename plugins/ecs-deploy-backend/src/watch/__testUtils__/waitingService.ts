import { Entity } from '@backstage/catalog-model';
import { RunningSandbox, startSandbox } from '@ecs-deploy/aws-sandbox';
import {
  component,
  createCluster,
  serviceArn,
} from '../../__testUtils__/sandboxFleet';
import {
  ActionClients,
  actionClients,
  createWaitingCodeDeployService,
} from '../../actions/__testUtils__/actionFleet';

/** What the watcher's tests watch: one entity, one CodeDeploy service in prod. */
export interface WaitingServiceFleet {
  sb: RunningSandbox;
  clients: ActionClients;
  service: Awaited<ReturnType<typeof createWaitingCodeDeployService>>;
  entities: Entity[];
  close(): Promise<void>;
}

/**
 * A sandbox with its clock stopped and one tagged CodeDeploy service whose
 * prod deployments wait for a person, and the catalog entity that names it.
 */
export async function waitingServiceFleet(
  name: string,
  cluster: string,
): Promise<WaitingServiceFleet> {
  const sb = await startSandbox({ seed: 'none', speed: 0 });
  const clients = actionClients(sb);
  await createCluster(clients, cluster);
  const service = await createWaitingCodeDeployService(
    sb,
    clients,
    name,
    cluster,
    { tagged: true },
  );
  return {
    sb,
    clients,
    service,
    entities: [
      component(name, {
        'ecs-deploy.io/service-arn.prod': serviceArn(cluster, name),
      }),
    ],
    async close() {
      clients.destroy();
      await sb.close();
    },
  };
}
