import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  CreatePipelineCommand,
} from '@aws-sdk/client-codepipeline';
import {
  CreateRepositoryCommand,
  ECRClient,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  CreateTaskSetCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  FleetCaller,
  FleetInput,
  FleetOperationName,
  FleetService,
} from './fleetCaller';

/**
 * SDK clients of one account and region; a builder needs only the clients
 * of the services it calls.
 *
 * @public
 */
export interface FleetClients {
  ecs?: ECSClient;
  elbv2?: ElasticLoadBalancingV2Client;
  codeDeploy?: CodeDeployClient;
  codePipeline?: CodePipelineClient;
  ecr?: ECRClient;
}

const commands: {
  [S in FleetService]: {
    [O in FleetOperationName<S>]: new (input: FleetInput<S, O>) => object;
  };
} = {
  ecs: {
    CreateCluster: CreateClusterCommand,
    RegisterTaskDefinition: RegisterTaskDefinitionCommand,
    CreateService: CreateServiceCommand,
    UpdateService: UpdateServiceCommand,
    CreateTaskSet: CreateTaskSetCommand,
    UpdateServicePrimaryTaskSet: UpdateServicePrimaryTaskSetCommand,
  },
  elbv2: {
    CreateLoadBalancer: CreateLoadBalancerCommand,
    CreateTargetGroup: CreateTargetGroupCommand,
    CreateListener: CreateListenerCommand,
    ModifyListener: ModifyListenerCommand,
    DescribeRules: DescribeRulesCommand,
  },
  codedeploy: {
    CreateApplication: CreateApplicationCommand,
    CreateDeploymentGroup: CreateDeploymentGroupCommand,
    CreateDeployment: CreateDeploymentCommand,
  },
  codepipeline: { CreatePipeline: CreatePipelineCommand },
  ecr: { CreateRepository: CreateRepositoryCommand, PutImage: PutImageCommand },
};

const clientOf: Record<FleetService, keyof FleetClients> = {
  ecs: 'ecs',
  elbv2: 'elbv2',
  codedeploy: 'codeDeploy',
  codepipeline: 'codePipeline',
  ecr: 'ecr',
};

/**
 * A caller through the real SDK clients, over HTTP to wherever they point.
 *
 * @public
 */
export function sdkFleetCaller(clients: FleetClients): FleetCaller {
  return {
    async call(service, operation, input) {
      const client = clients[clientOf[service]] as
        | { send(command: object): Promise<any> }
        | undefined;
      if (!client) {
        throw new Error(
          `sdkFleetCaller: ${service}:${operation} needs the ${clientOf[service]} client`,
        );
      }
      const Command = commands[service][operation] as new (
        input: unknown,
      ) => object;
      return client.send(new Command(input));
    },
  };
}
