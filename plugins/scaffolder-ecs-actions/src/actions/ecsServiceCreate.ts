import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ecsServiceArn,
  ecsServiceConsoleUrl,
  loadBalancerConsoleUrl,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { applyService } from '../apply/applyService';
import { serviceTags } from '../authz/adoption';
import { settlePlan } from '../apply/planOutcome';
import {
  environmentNamed,
  registryLocation,
} from '../config/resolveEnvironment';
import { inspectServiceSite } from '../inspect/serviceSite';
import { parseFargateSize } from '../lib/fargate';
import { InputSchema, parseInput } from '../lib/parseInput';
import { planService } from '../plan/servicePlan';
import { serviceSpec } from '../plan/serviceSpec';
import { examples } from './ecsServiceCreate.examples';
import {
  containerPort,
  deploymentChoice,
  environmentChoice,
  serviceIdentity,
  taskSize,
} from './inputs';
import type { EcsActionOptions } from './options';

const inputSchema = {
  ...serviceIdentity,
  ...environmentChoice,
  ...containerPort,
  ...taskSize,
  ...deploymentChoice,
  healthCheckPath: z =>
    z
      .string({ description: 'Target group health check path' })
      .regex(/^\/[\x21-\x7e]{0,1023}$/, 'healthCheckPath must be a URL path')
      .default('/'),
  desiredCount: z =>
    z.number({ description: 'Tasks to run' }).int().min(0).max(100).default(1),
  overlap: z =>
    z
      .boolean({
        description:
          'ROLLING: start the new task before stopping the old (default: yes when load-balanced)',
      })
      .optional(),
  bakeTimeInMinutes: z => z.number().int().min(0).max(1440).optional(),
  canaryPercent: z => z.number().min(0.1).max(100).default(10),
  canaryBakeTimeInMinutes: z => z.number().int().min(0).max(1440).default(5),
  linearStepPercent: z => z.number().min(3).max(100).default(10),
  linearStepBakeTimeInMinutes: z =>
    z.number().int().min(0).max(1440).default(1),
  holdBeforeTraffic: z =>
    z
      .boolean({
        description:
          'ECS blue/green, canary, linear: pause once test traffic reaches the new revision, before production traffic moves, until someone continues it (CODE_DEPLOY holds through ecs:codedeploy:create waitForApproval)',
      })
      .default(false),
  holdTimeoutMinutes: z =>
    z
      .number({
        description: 'How long that pause waits before rolling back',
      })
      .int()
      .min(1)
      .max(1440)
      .default(60),
} satisfies InputSchema;

/**
 * `ecs:service:create`: a Fargate service in one configured environment,
 * with the CODE_DEPLOY controller (blue/green target groups on an ALB of its
 * own) or the ECS controller (rolling, or native blue/green, canary or linear
 * on its own ALB or a host rule on the environment's shared ALB). A rolling
 * worker can run without a load balancer. Everything is looked up and
 * checked first; one foreign resource refuses the run before anything is
 * created.
 *
 * @public
 */
export function createEcsServiceCreateAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys, authorizer } = options;
  return createTemplateAction({
    id: 'ecs:service:create',
    description:
      'Creates an ECS Fargate service in a configured environment, with its load balancing, tagged with its entity and environment.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        serviceArn: z => z.string(),
        serviceName: z => z.string(),
        clusterName: z => z.string(),
        taskDefinitionArn: z => z.string(),
        loadBalancerArn: z => z.string(),
        productionListenerArn: z => z.string(),
        testListenerArn: z => z.string(),
        blueTargetGroupArn: z => z.string(),
        blueTargetGroupName: z => z.string(),
        greenTargetGroupArn: z => z.string(),
        greenTargetGroupName: z => z.string(),
        deploymentController: z => z.string(),
        created: z =>
          z.array(z.string(), {
            description: 'What this run created (empty when all existed)',
          }),
        consoleUrl: z =>
          z.string({ description: 'AWS console page of the service' }),
        loadBalancerConsoleUrl: z =>
          z.string({
            description:
              'AWS console page of the load balancer (empty without one, or in a dry run)',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      const env = environmentNamed(settings, input.environment);
      const size = parseFargateSize(input);
      const owner = await authorizer.authorize(ctx, input);
      const { entityRef } = owner;
      const spec = serviceSpec({
        name: input.name,
        owner,
        env,
        registry: registryLocation(settings),
        containerPort: input.containerPort,
        healthCheckPath: input.healthCheckPath,
        size,
        desiredCount: input.desiredCount,
        deployment: input,
      });

      const aws = await clients.forResource(env);
      const site = await inspectServiceSite(aws, spec);
      const plan = planService(spec, site, tagKeys);
      const creates = settlePlan(ctx, `${entityRef} in ${env.name}`, plan);

      const { names } = spec;
      const emit = (
        resources: Partial<Record<string, string>>,
        created: string[],
      ) => {
        ctx.output('serviceName', names.service);
        ctx.output('clusterName', env.cluster);
        ctx.output('blueTargetGroupName', names.blueTargetGroup);
        ctx.output(
          'greenTargetGroupName',
          spec.blueGreen ? names.greenTargetGroup : '',
        );
        ctx.output('deploymentController', spec.controller);
        for (const key of [
          'serviceArn',
          'taskDefinitionArn',
          'loadBalancerArn',
          'productionListenerArn',
          'testListenerArn',
          'blueTargetGroupArn',
          'greenTargetGroupArn',
        ] as const) {
          ctx.output(key, resources[key] ?? '');
        }
        ctx.output('created', created);
        ctx.output(
          'consoleUrl',
          ecsServiceConsoleUrl({
            region: env.region,
            cluster: env.cluster,
            serviceName: names.service,
          }),
        );
        ctx.output(
          'loadBalancerConsoleUrl',
          resources.loadBalancerArn
            ? loadBalancerConsoleUrl({
                region: env.region,
                arn: resources.loadBalancerArn,
              })
            : '',
        );
      };
      if (!creates) {
        emit(
          {
            // AWS derives a service's ARN from its name.
            serviceArn:
              site.service?.value.serviceArn ??
              ecsServiceArn({ ...env, serviceName: names.service }),
            loadBalancerArn: site.loadBalancer?.value.LoadBalancerArn,
          },
          [],
        );
        return;
      }
      const resources = await applyService(
        {
          checkpoint: ctx.checkpoint,
          logger: ctx.logger,
          keyPrefix: `ecs.service.${env.accountId}.${env.region}.${env.cluster}.${names.service}`,
        },
        aws,
        spec,
        site,
        plan,
        serviceTags(owner, env.name, tagKeys),
      );
      emit({ ...resources }, plan.create);
    },
  });
}
