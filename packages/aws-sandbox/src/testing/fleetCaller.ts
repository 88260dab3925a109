import type * as codeDeploy from '@aws-sdk/client-codedeploy';
import type * as codePipeline from '@aws-sdk/client-codepipeline';
import type * as ecr from '@aws-sdk/client-ecr';
import type * as ecs from '@aws-sdk/client-ecs';
import type * as elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SeedContext } from '../core/types';

type Op<Input, Output> = [Input, Omit<Output, '$metadata'>];

/**
 * The operations the fleet builders call, by sandbox service name, with the
 * SDK's input and output shapes. The builders read only identifiers (ARNs,
 * ids, digests) from the outputs, which the SDK and the sandbox's
 * in-process calls give alike.
 *
 * @public
 */
export interface FleetOperations {
  ecs: {
    CreateCluster: Op<
      ecs.CreateClusterCommandInput,
      ecs.CreateClusterCommandOutput
    >;
    RegisterTaskDefinition: Op<
      ecs.RegisterTaskDefinitionCommandInput,
      ecs.RegisterTaskDefinitionCommandOutput
    >;
    CreateService: Op<
      ecs.CreateServiceCommandInput,
      ecs.CreateServiceCommandOutput
    >;
    UpdateService: Op<
      ecs.UpdateServiceCommandInput,
      ecs.UpdateServiceCommandOutput
    >;
    CreateTaskSet: Op<
      ecs.CreateTaskSetCommandInput,
      ecs.CreateTaskSetCommandOutput
    >;
    UpdateServicePrimaryTaskSet: Op<
      ecs.UpdateServicePrimaryTaskSetCommandInput,
      ecs.UpdateServicePrimaryTaskSetCommandOutput
    >;
  };
  elbv2: {
    CreateLoadBalancer: Op<
      elbv2.CreateLoadBalancerCommandInput,
      elbv2.CreateLoadBalancerCommandOutput
    >;
    CreateTargetGroup: Op<
      elbv2.CreateTargetGroupCommandInput,
      elbv2.CreateTargetGroupCommandOutput
    >;
    CreateListener: Op<
      elbv2.CreateListenerCommandInput,
      elbv2.CreateListenerCommandOutput
    >;
    ModifyListener: Op<
      elbv2.ModifyListenerCommandInput,
      elbv2.ModifyListenerCommandOutput
    >;
    DescribeRules: Op<
      elbv2.DescribeRulesCommandInput,
      elbv2.DescribeRulesCommandOutput
    >;
  };
  codedeploy: {
    CreateApplication: Op<
      codeDeploy.CreateApplicationCommandInput,
      codeDeploy.CreateApplicationCommandOutput
    >;
    CreateDeploymentGroup: Op<
      codeDeploy.CreateDeploymentGroupCommandInput,
      codeDeploy.CreateDeploymentGroupCommandOutput
    >;
    CreateDeployment: Op<
      codeDeploy.CreateDeploymentCommandInput,
      codeDeploy.CreateDeploymentCommandOutput
    >;
  };
  codepipeline: {
    CreatePipeline: Op<
      codePipeline.CreatePipelineCommandInput,
      codePipeline.CreatePipelineCommandOutput
    >;
  };
  ecr: {
    CreateRepository: Op<
      ecr.CreateRepositoryCommandInput,
      ecr.CreateRepositoryCommandOutput
    >;
    PutImage: Op<ecr.PutImageCommandInput, ecr.PutImageCommandOutput>;
  };
}

/** @public */
export type FleetService = keyof FleetOperations;

/** @public */
export type FleetOperationName<S extends FleetService> =
  keyof FleetOperations[S] & string;

/** @public */
export type FleetInput<
  S extends FleetService,
  O extends FleetOperationName<S>,
> = FleetOperations[S][O] extends [infer Input, unknown] ? Input : never;

/** @public */
export type FleetOutput<
  S extends FleetService,
  O extends FleetOperationName<S>,
> = FleetOperations[S][O] extends [unknown, infer Output] ? Output : never;

/**
 * How the fleet builders reach AWS: the SDK over HTTP (`sdkFleetCaller`) in
 * tests, the sandbox's in-process operations (`invokeFleetCaller`) in its
 * seeds. One caller acts in one account and region.
 *
 * @public
 */
export interface FleetCaller {
  call<S extends FleetService, O extends FleetOperationName<S>>(
    service: S,
    operation: O,
    input: FleetInput<S, O>,
  ): Promise<FleetOutput<S, O>>;
}

/**
 * A caller through a sandbox's in-process operations (`SeedContext.invoke`
 * or `RunningSandbox.invoke`): the same handlers and validation as HTTP,
 * without the call log or faults.
 *
 * @public
 */
export function invokeFleetCaller(
  invoke: SeedContext['invoke'],
  where?: { accountId?: string; region?: string },
): FleetCaller {
  return {
    call: (service, operation, input) =>
      invoke(service, operation, input, where),
  };
}
