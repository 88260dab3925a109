import {
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  DeploymentConfiguration,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  Listener,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  entityTags,
  isTaggedForEntity,
  tagRecord,
  toEcsTags,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { resolveEnvironment } from '../config/resolveEnvironment';
import { awsCall } from '../lib/call';
import { consoleLinks } from '../lib/consoleLinks';
import { parseFargateSize } from '../lib/fargate';
import { assertAwsName, elbResourceName } from '../lib/names';
import { ecsServiceArn } from '../lib/arns';
import { ecrRepositoryUri } from '../render/ecrNames';
import { buildTaskDefinition, taskFamily } from '../render/taskDefinition';
import {
  elbTags,
  findListener,
  findLoadBalancer,
  findTargetGroup,
  forwardTargets,
  listListeners,
  listRules,
} from '../aws/loadBalancing';
import { describeCluster, findService, findTaskDefinition } from '../aws/ecs';
import { entityInput, environmentInput } from './environmentInput';
import type { EcsActionOptions } from './options';
import { InputSchema, parseInput } from '../lib/parseInput';
import { examples } from './ecsServiceCreate.examples';

const NATIVE_BLUE_GREEN = ['BLUE_GREEN', 'CANARY', 'LINEAR'];

const inputSchema = {
  ...entityInput,
  ...environmentInput,
  cluster: z =>
    z.string({ description: 'ECS cluster (overrides config)' }).optional(),
  containerPort: z =>
    z
      .number({ description: 'Port the container listens on' })
      .int()
      .min(1, 'containerPort must be 1-65535')
      .max(65535, 'containerPort must be 1-65535'),
  healthCheckPath: z =>
    z.string({ description: 'Target group health check path' }).default('/'),
  size: z =>
    z
      .string({
        description:
          "Fargate size as '<cpu units>/<memory MiB>', e.g. '512/1024'",
      })
      .optional(),
  cpu: z =>
    z.union([z.string(), z.number()], { description: 'CPU units' }).optional(),
  memory: z =>
    z
      .union([z.string(), z.number()], { description: 'Memory in MiB' })
      .optional(),
  image: z =>
    z
      .string({
        description:
          'Initial image; default <ECR repository of name>:<environment>, the tag the pipeline deploys',
      })
      .optional(),
  desiredCount: z =>
    z.number({ description: 'Tasks to run' }).int().min(0).default(1),
  loadBalancer: z =>
    z
      .string({
        description:
          'Name or ARN of an existing ALB with the listeners; default from config, else an ALB <name>-<environment> is created',
      })
      .optional(),
  productionListenerPort: z => z.number().int().optional(),
  testListenerPort: z => z.number().int().optional(),
  productionListenerArn: z =>
    z
      .string({
        description: 'Existing production listener (instead of a port)',
      })
      .optional(),
  testListenerArn: z =>
    z
      .string({ description: 'Existing test listener (instead of a port)' })
      .optional(),
  blueTargetGroup: z =>
    z
      .string({ description: 'Existing blue target group name or ARN' })
      .optional(),
  greenTargetGroup: z =>
    z
      .string({ description: 'Existing green target group name or ARN' })
      .optional(),
  subnets: z => z.array(z.string()).optional(),
  securityGroups: z => z.array(z.string()).optional(),
  assignPublicIp: z => z.boolean().optional(),
  executionRoleArn: z => z.string().optional(),
  taskRoleArn: z => z.string().optional(),
  ecsInfrastructureRoleArn: z =>
    z
      .string({
        description: 'Role ECS uses to move traffic in native blue/green',
      })
      .optional(),
  deploymentController: z =>
    z
      .enum(['CODE_DEPLOY', 'ECS'], {
        description:
          'CODE_DEPLOY (blue/green by CodeDeploy) or ECS (ECS deploys itself)',
      })
      .default('CODE_DEPLOY'),
  strategy: z =>
    z
      .enum(['ROLLING', 'BLUE_GREEN', 'CANARY', 'LINEAR'], {
        description: 'ECS controller strategy; default ROLLING',
      })
      .optional(),
  bakeTimeInMinutes: z => z.number().int().min(0).max(1440).optional(),
  canaryPercent: z => z.number().min(0.1).max(100).default(10),
  canaryBakeTimeInMinutes: z => z.number().int().min(0).max(1440).default(5),
  linearStepPercent: z => z.number().min(3).max(100).default(10),
  linearStepBakeTimeInMinutes: z =>
    z.number().int().min(0).max(1440).default(1),
} satisfies InputSchema;

/**
 * `ecs:service:create`: a Fargate service behind an ALB with a blue and a
 * green target group on a production and a test listener, with the CODE_DEPLOY
 * controller (default) or the ECS controller and its rolling or native
 * blue/green, canary or linear strategy. Everything is looked up first, so a
 * re-run reuses what exists and a bad input fails before anything is created.
 *
 * @public
 */
export function createEcsServiceCreateAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys } = options;
  return createTemplateAction({
    id: 'ecs:service:create',
    description:
      'Creates an ECS Fargate service with blue/green target groups on an ALB, tagged with its entity and environment.',
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
              'AWS console page of the load balancer (empty in a dry run)',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      // ---- validate what needs no AWS call -------------------------------
      assertAwsName('ecsService', 'name', input.name);
      const entityRef = input.entityRef ?? `component:default/${input.name}`;
      const env = resolveEnvironment(settings, clients.defaultRegion, input);
      const size = parseFargateSize(input);
      const controller = input.deploymentController;
      if (
        controller === 'CODE_DEPLOY' &&
        input.strategy &&
        input.strategy !== 'BLUE_GREEN'
      ) {
        throw new InputError(
          `strategy ${input.strategy} needs deploymentController ECS; with CODE_DEPLOY the deployment config of ecs:codedeploy:create sets canary or linear`,
        );
      }
      const strategy =
        controller === 'ECS' ? input.strategy ?? 'ROLLING' : undefined;
      const native =
        strategy !== undefined && NATIVE_BLUE_GREEN.includes(strategy);
      if (env.subnets.length === 0) {
        throw new InputError(
          `subnets is required for Fargate (awsvpc): give it as input or configure environment '${env.name}'`,
        );
      }
      const base = `${input.name}-${env.name}`;
      const blueName = input.blueTargetGroup ?? elbResourceName(base, 'blue');
      const greenName =
        input.greenTargetGroup ?? elbResourceName(base, 'green');
      if (!input.blueTargetGroup) assertAwsName('elbName', 'name', blueName);
      const lbGiven = input.loadBalancer ?? env.loadBalancer;
      const lbName = lbGiven ?? elbResourceName(base);
      if (!lbGiven) assertAwsName('elbName', 'name', lbName);
      const image =
        input.image ??
        (settings.ecr
          ? `${ecrRepositoryUri({
              accountId: settings.ecr.accountId,
              region: settings.ecr.region ?? env.region,
              repositoryName: input.name,
            })}:${env.name}`
          : undefined);
      if (!image) {
        throw new InputError(
          'image is required when ecsDeploy.scaffolder.ecr is not configured',
        );
      }

      const { ecs, elbv2 } = await clients.forResource(env);
      const tags = entityTags(entityRef, env.name, tagKeys);
      const isOurs = (t: Record<string, string>) =>
        isTaggedForEntity(t, entityRef, tagKeys);

      // ---- look up what exists -------------------------------------------
      // The cluster first: the other ECS lookups fail without it.
      const cluster = await describeCluster(ecs, env.cluster);
      if (!cluster) {
        throw new InputError(
          `cluster: ECS cluster '${env.cluster}' does not exist or is not ACTIVE in ${env.accountId}/${env.region}`,
        );
      }
      const [service, lb, blue, green, taskDef] = await Promise.all([
        findService(ecs, env.cluster, input.name),
        findLoadBalancer(elbv2, lbName),
        findTargetGroup(elbv2, blueName),
        findTargetGroup(elbv2, greenName),
        findTaskDefinition(ecs, taskFamily(input.name, env.name)),
      ]);
      if (service && !isOurs(tagRecord(service.tags))) {
        throw new ConflictError(
          `name: an ECS service '${input.name}' already exists in cluster ${env.cluster} and is not tagged for ${entityRef}; choose another name`,
        );
      }
      if (lbGiven && !lb) {
        throw new InputError(
          `loadBalancer: no load balancer '${lbGiven}' in ${env.accountId}/${env.region}`,
        );
      }
      if (
        lb &&
        !lbGiven &&
        !isOurs(await elbTags(elbv2, lb.LoadBalancerArn!))
      ) {
        throw new ConflictError(
          `name: load balancer '${lbName}' exists and belongs to another entity`,
        );
      }
      for (const [field, given, tg] of [
        ['blueTargetGroup', input.blueTargetGroup, blue],
        ['greenTargetGroup', input.greenTargetGroup, green],
      ] as const) {
        if (given && !tg)
          throw new InputError(`${field}: no target group '${given}'`);
        if (!given && tg && !isOurs(await elbTags(elbv2, tg.TargetGroupArn!))) {
          throw new ConflictError(
            `name: target group '${tg.TargetGroupName}' exists and belongs to another entity`,
          );
        }
        if (tg && lb && tg.VpcId !== lb.VpcId) {
          throw new InputError(
            `${field}: target group '${tg.TargetGroupName}' is in another VPC than the load balancer`,
          );
        }
      }
      const taskDefOwner =
        taskDef && tagRecord(taskDef.tags)[tagKeys.entityKey];
      if (
        taskDef &&
        taskDefOwner !== undefined &&
        !isOurs(tagRecord(taskDef.tags))
      ) {
        throw new ConflictError(
          `name: task definition family '${taskFamily(
            input.name,
            env.name,
          )}' belongs to ${taskDefOwner}`,
        );
      }
      const existingTaskDef =
        taskDef && isOurs(tagRecord(taskDef.tags))
          ? taskDef.taskDefinition
          : undefined;

      // Listeners: given by ARN, or by port on the load balancer.
      const listeners = lb
        ? await listListeners(elbv2, lb.LoadBalancerArn!)
        : [];
      const pickListener = async (
        field: 'productionListener' | 'testListener',
        arn: string | undefined,
        port: number,
      ): Promise<Listener | undefined> => {
        if (arn) {
          const found = await findListener(elbv2, arn);
          if (!found)
            throw new InputError(
              `${field}Arn: listener '${arn}' does not exist`,
            );
          return found;
        }
        const found = listeners.find(l => l.Port === port);
        if (!found && lbGiven) {
          throw new InputError(
            `${field}Port: load balancer '${lbGiven}' has no listener on port ${port}`,
          );
        }
        return found;
      };
      const prodPort =
        input.productionListenerPort ?? env.productionListenerPort;
      const testPort = input.testListenerPort ?? env.testListenerPort;
      if (prodPort === testPort && !input.productionListenerArn) {
        throw new InputError(
          'testListenerPort must differ from productionListenerPort',
        );
      }
      const prodListener = await pickListener(
        'productionListener',
        input.productionListenerArn,
        prodPort,
      );
      const testListener = await pickListener(
        'testListener',
        input.testListenerArn,
        testPort,
      );
      // A listener that already routes to someone else's target groups cannot
      // be taken over: CodeDeploy swaps its default action on every deployment.
      const ownTgs = [blue?.TargetGroupArn, green?.TargetGroupArn].filter(
        Boolean,
      ) as string[];
      for (const [field, listener] of [
        ['productionListener', prodListener],
        ['testListener', testListener],
      ] as const) {
        const targets = forwardTargets(listener?.DefaultActions);
        if (
          !native &&
          listener &&
          targets.length > 0 &&
          !targets.some(t => ownTgs.includes(t))
        ) {
          throw new ConflictError(
            `${field}: listener ${listener.ListenerArn} already forwards to another target group; give the service a listener of its own`,
          );
        }
      }

      const plan = [
        !lb && `load balancer ${lbName}`,
        !blue && `target group ${blueName}`,
        !green && `target group ${greenName}`,
        !prodListener && `production listener :${prodPort}`,
        !testListener && `test listener :${testPort}`,
        !existingTaskDef &&
          `task definition ${taskFamily(input.name, env.name)}`,
        !service &&
          `ECS service ${input.name} (${controller}${
            strategy ? ` ${strategy}` : ''
          })`,
      ].filter(Boolean) as string[];

      const serviceArnValue =
        service?.serviceArn ??
        ecsServiceArn({ ...env, serviceName: input.name });
      const out = {
        serviceArn: serviceArnValue,
        serviceName: input.name,
        clusterName: env.cluster,
        taskDefinitionArn: existingTaskDef?.taskDefinitionArn ?? '',
        loadBalancerArn: lb?.LoadBalancerArn ?? '',
        productionListenerArn: prodListener?.ListenerArn ?? '',
        testListenerArn: testListener?.ListenerArn ?? '',
        blueTargetGroupArn: blue?.TargetGroupArn ?? '',
        blueTargetGroupName: blue?.TargetGroupName ?? blueName,
        greenTargetGroupArn: green?.TargetGroupArn ?? '',
        greenTargetGroupName: green?.TargetGroupName ?? greenName,
        deploymentController: controller,
        consoleUrl: consoleLinks.ecsService(
          env.region,
          env.cluster,
          input.name,
        ),
      };
      const emit = (created: string[]) => {
        for (const [key, value] of Object.entries(out))
          ctx.output(key as any, value);
        ctx.output('created', created);
        ctx.output(
          'loadBalancerConsoleUrl',
          out.loadBalancerArn
            ? consoleLinks.loadBalancer(env.region, out.loadBalancerArn)
            : '',
        );
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          plan.length
            ? `Dry run: would create ${plan.join(', ')}`
            : 'Dry run: everything exists',
        );
        emit([]);
        return;
      }

      // ---- create what is missing, one checkpoint per AWS mutation --------
      const key = (what: string) =>
        `ecs.service.${env.accountId}.${env.region}.${env.cluster}.${input.name}.${what}`;
      const elbTags_ = tags;

      if (!lb) {
        const created = await ctx.checkpoint({
          key: key('loadbalancer'),
          fn: async () => {
            const res = await awsCall(
              'creating the load balancer',
              lbName,
              () =>
                elbv2.send(
                  new CreateLoadBalancerCommand({
                    Name: lbName,
                    Type: 'application',
                    Scheme: 'internet-facing',
                    Subnets: env.subnets,
                    SecurityGroups: env.securityGroups.length
                      ? env.securityGroups
                      : undefined,
                    Tags: elbTags_,
                  }),
                ),
            );
            const created_ = res.LoadBalancers?.[0];
            return {
              arn: created_!.LoadBalancerArn!,
              vpcId: created_!.VpcId ?? '',
            };
          },
        });
        out.loadBalancerArn = created.arn;
        ctx.logger.info(`Created load balancer ${created.arn}`);
      }
      const vpcId =
        lb?.VpcId ??
        (await findLoadBalancer(elbv2, out.loadBalancerArn))?.VpcId;

      for (const [color, tg, name] of [
        ['blue', blue, blueName],
        ['green', green, greenName],
      ] as const) {
        if (tg) continue;
        const arn = await ctx.checkpoint({
          key: key(`targetgroup.${color}`),
          fn: async () => {
            const res = await awsCall('creating the target group', name, () =>
              elbv2.send(
                new CreateTargetGroupCommand({
                  Name: name,
                  Protocol: 'HTTP',
                  Port: input.containerPort,
                  VpcId: vpcId,
                  // Fargate tasks register by IP (awsvpc).
                  TargetType: 'ip',
                  HealthCheckPath: input.healthCheckPath,
                  Tags: elbTags_,
                }),
              ),
            );
            return res.TargetGroups![0].TargetGroupArn!;
          },
        });
        out[color === 'blue' ? 'blueTargetGroupArn' : 'greenTargetGroupArn'] =
          arn;
        ctx.logger.info(`Created ${color} target group ${arn}`);
      }

      for (const [which, listener, port] of [
        ['production', prodListener, prodPort],
        ['test', testListener, testPort],
      ] as const) {
        const outKey =
          which === 'production' ? 'productionListenerArn' : 'testListenerArn';
        if (!listener) {
          out[outKey] = await ctx.checkpoint({
            key: key(`listener.${which}`),
            fn: async () => {
              const res = await awsCall(
                `creating the ${which} listener`,
                `${lbName}:${port}`,
                () =>
                  elbv2.send(
                    new CreateListenerCommand({
                      LoadBalancerArn: out.loadBalancerArn,
                      Protocol: 'HTTP',
                      Port: port,
                      DefaultActions: [
                        {
                          Type: 'forward',
                          TargetGroupArn: out.blueTargetGroupArn,
                        },
                      ],
                      Tags: elbTags_,
                    }),
                  ),
              );
              return res.Listeners![0].ListenerArn!;
            },
          });
          ctx.logger.info(`Created ${which} listener ${out[outKey]}`);
        } else if (
          !native &&
          forwardTargets(listener.DefaultActions).length === 0
        ) {
          // An unused listener (e.g. a fixed response) of a given ALB is claimed.
          await ctx.checkpoint({
            key: key(`listener.${which}.claim`),
            fn: async () => {
              await awsCall(
                `routing the ${which} listener to blue`,
                listener.ListenerArn!,
                () =>
                  elbv2.send(
                    new ModifyListenerCommand({
                      ListenerArn: listener.ListenerArn,
                      DefaultActions: [
                        {
                          Type: 'forward',
                          TargetGroupArn: out.blueTargetGroupArn,
                        },
                      ],
                    }),
                  ),
              );
            },
          });
        }
      }

      // ECS native blue/green moves weights of a listener rule, not of the
      // default action, so the service gets one rule per listener.
      const ruleArns: Record<string, string> = {};
      if (native) {
        for (const [which, listenerArn] of [
          ['production', out.productionListenerArn],
          ['test', out.testListenerArn],
        ] as const) {
          const rules = await listRules(elbv2, listenerArn);
          const mine = rules.find(
            r =>
              !r.IsDefault &&
              forwardTargets(r.Actions).includes(out.blueTargetGroupArn),
          );
          ruleArns[which] =
            mine?.RuleArn ??
            (await ctx.checkpoint({
              key: key(`rule.${which}`),
              fn: async () => {
                const used = new Set(rules.map(r => r.Priority));
                let priority = 1;
                while (used.has(String(priority))) priority++;
                const res = await awsCall(
                  `creating the ${which} listener rule`,
                  listenerArn,
                  () =>
                    elbv2.send(
                      new CreateRuleCommand({
                        ListenerArn: listenerArn,
                        Priority: priority,
                        Conditions: [
                          {
                            Field: 'path-pattern',
                            PathPatternConfig: { Values: ['/*'] },
                          },
                        ],
                        Actions: [
                          {
                            Type: 'forward',
                            ForwardConfig: {
                              TargetGroups: [
                                {
                                  TargetGroupArn: out.blueTargetGroupArn,
                                  Weight: 100,
                                },
                                {
                                  TargetGroupArn: out.greenTargetGroupArn,
                                  Weight: 0,
                                },
                              ],
                            },
                          },
                        ],
                        Tags: elbTags_,
                      }),
                    ),
                );
                return res.Rules![0].RuleArn!;
              },
            }));
        }
      }

      if (!existingTaskDef) {
        out.taskDefinitionArn = await ctx.checkpoint({
          key: key('taskdefinition'),
          fn: async () => {
            const res = await awsCall(
              'registering the task definition',
              taskFamily(input.name, env.name),
              () =>
                ecs.send(
                  new RegisterTaskDefinitionCommand({
                    ...buildTaskDefinition({
                      name: input.name,
                      environment: env.name,
                      region: env.region,
                      image,
                      containerPort: input.containerPort,
                      cpu: size.cpu,
                      memory: size.memory,
                      executionRoleArn: env.executionRoleArn,
                      taskRoleArn: env.taskRoleArn,
                    }),
                    tags: toEcsTags(tags),
                  }),
                ),
            );
            return res.taskDefinition!.taskDefinitionArn!;
          },
        });
        ctx.logger.info(`Registered task definition ${out.taskDefinitionArn}`);
      }

      if (!service) {
        out.serviceArn = await ctx.checkpoint({
          key: key('service'),
          fn: async () => {
            const res = await awsCall(
              'creating the ECS service',
              input.name,
              () =>
                ecs.send(
                  new CreateServiceCommand({
                    cluster: env.cluster,
                    serviceName: input.name,
                    taskDefinition: out.taskDefinitionArn,
                    desiredCount: input.desiredCount,
                    launchType: 'FARGATE',
                    deploymentController: { type: controller },
                    ...(controller === 'ECS'
                      ? {
                          deploymentConfiguration: deploymentConfiguration(
                            strategy!,
                            input,
                          ),
                        }
                      : {}),
                    loadBalancers: [
                      {
                        targetGroupArn: out.blueTargetGroupArn,
                        containerName: input.name,
                        containerPort: input.containerPort,
                        ...(native
                          ? {
                              advancedConfiguration: {
                                alternateTargetGroupArn:
                                  out.greenTargetGroupArn,
                                productionListenerRule: ruleArns.production,
                                testListenerRule: ruleArns.test,
                                roleArn:
                                  input.ecsInfrastructureRoleArn ??
                                  env.ecsInfrastructureRoleArn,
                              },
                            }
                          : {}),
                      },
                    ],
                    networkConfiguration: {
                      awsvpcConfiguration: {
                        subnets: env.subnets,
                        securityGroups: env.securityGroups.length
                          ? env.securityGroups
                          : undefined,
                        assignPublicIp: env.assignPublicIp
                          ? 'ENABLED'
                          : 'DISABLED',
                      },
                    },
                    healthCheckGracePeriodSeconds: 30,
                    propagateTags: 'SERVICE',
                    enableECSManagedTags: true,
                    tags: toEcsTags(tags),
                  }),
                ),
            );
            return res.service!.serviceArn!;
          },
        });
        ctx.logger.info(`Created ECS service ${out.serviceArn}`);
      } else {
        out.taskDefinitionArn =
          out.taskDefinitionArn || service.taskDefinition || '';
        ctx.logger.info(
          `ECS service ${out.serviceArn} exists; nothing to create`,
        );
      }
      emit(plan);
    },
  });
}

function deploymentConfiguration(
  strategy: string,
  input: {
    bakeTimeInMinutes?: number;
    canaryPercent: number;
    canaryBakeTimeInMinutes: number;
    linearStepPercent: number;
    linearStepBakeTimeInMinutes: number;
  },
): DeploymentConfiguration {
  const config: DeploymentConfiguration = {
    strategy: strategy as DeploymentConfiguration['strategy'],
    // Roll back a deployment whose tasks never become healthy.
    deploymentCircuitBreaker: { enable: true, rollback: true },
  };
  if (strategy === 'ROLLING') {
    return { ...config, minimumHealthyPercent: 100, maximumPercent: 200 };
  }
  config.bakeTimeInMinutes = input.bakeTimeInMinutes ?? 5;
  if (strategy === 'CANARY') {
    config.canaryConfiguration = {
      canaryPercent: input.canaryPercent,
      canaryBakeTimeInMinutes: input.canaryBakeTimeInMinutes,
    };
  }
  if (strategy === 'LINEAR') {
    config.linearConfiguration = {
      stepPercent: input.linearStepPercent,
      stepBakeTimeInMinutes: input.linearStepBakeTimeInMinutes,
    };
  }
  return config;
}
