import {
  AutoRollbackEvent,
  CreateApplicationCommand,
  CreateDeploymentConfigCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  entityTags,
  isTaggedForEntity,
} from '@ecs-deploy/plugin-ecs-deploy-node';
import { resolveEnvironment } from '../config/resolveEnvironment';
import { codeDeployApplicationArn, codeDeployGroupArn } from '../lib/arns';
import { awsCall } from '../lib/call';
import { consoleLinks } from '../lib/consoleLinks';
import { assertAwsName } from '../lib/names';
import { findService } from '../aws/ecs';
import { findListener, findTargetGroup } from '../aws/loadBalancing';
import {
  codeDeployTags,
  findApplication,
  findDeploymentConfig,
  findDeploymentGroup,
} from '../aws/codeDeploy';
import { resolveDeploymentConfig, TrafficShift } from './deploymentConfig';
import { entityInput, environmentInput } from './environmentInput';
import type { EcsActionOptions } from './options';
import { InputSchema, parseInput } from '../lib/parseInput';
import { examples } from './codeDeployCreate.examples';

const inputSchema = {
  ...entityInput,
  ...environmentInput,
  cluster: z =>
    z.string({ description: 'ECS cluster (overrides config)' }).optional(),
  serviceName: z =>
    z.string({ description: 'ECS service; default name' }).optional(),
  applicationName: z => z.string({ description: 'Default name' }).optional(),
  deploymentGroupName: z =>
    z.string({ description: 'Default <name>-<environment>' }).optional(),
  blueTargetGroupName: z =>
    z.string({ description: 'Target group serving production' }),
  greenTargetGroupName: z =>
    z.string({ description: 'Target group of the replacement' }),
  productionListenerArn: z => z.string(),
  testListenerArn: z => z.string().optional(),
  serviceRoleArn: z =>
    z
      .string({ description: 'CodeDeploy service role (overrides config)' })
      .optional(),
  deploymentConfigName: z =>
    z
      .string({
        description:
          'An existing deployment config, e.g. CodeDeployDefault.ECSCanary10Percent5Minutes (instead of trafficShift)',
      })
      .optional(),
  trafficShift: z =>
    z
      .object(
        {
          type: z.enum(['all-at-once', 'canary', 'linear']),
          percentage: z.number().int().min(1).max(99).optional(),
          intervalMinutes: z.number().int().min(1).max(2880).optional(),
        },
        {
          description:
            'How traffic moves: all-at-once, canary (percentage, then the rest after intervalMinutes) or linear (percentage every intervalMinutes); a non-default one is created as a custom config',
        },
      )
      .default({ type: 'canary', percentage: 10, intervalMinutes: 5 }),
  waitForApproval: z =>
    z
      .boolean({
        description:
          'Stop at READY until someone continues the deployment (else traffic moves on its own)',
      })
      .default(false),
  readyWaitMinutes: z =>
    z
      .number({
        description: 'How long to wait for that approval before stopping',
      })
      .int()
      .min(1)
      .max(2880)
      .default(60),
  terminationWaitMinutes: z =>
    z
      .number({
        description: 'Minutes the original task set stays after success',
      })
      .int()
      .min(0)
      .max(2880)
      .default(60),
  alarms: z =>
    z
      .array(z.string(), {
        description: 'CloudWatch alarm names that stop and roll back',
      })
      .max(10)
      .default([]),
  autoRollback: z =>
    z
      .boolean({ description: 'Roll back on failure and on alarm' })
      .default(true),
} satisfies InputSchema;

/**
 * `ecs:codedeploy:create`: the CodeDeploy application (compute platform ECS)
 * and blue/green deployment group of a CODE_DEPLOY service, with its traffic
 * shifting config (created when custom), ready wait, termination wait, alarms
 * and automatic rollback.
 *
 * @public
 */
export function createCodeDeployCreateAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys } = options;
  return createTemplateAction({
    id: 'ecs:codedeploy:create',
    description:
      'Creates the CodeDeploy application and ECS blue/green deployment group of a service.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        applicationName: z => z.string(),
        applicationArn: z => z.string(),
        deploymentGroupName: z => z.string(),
        deploymentGroupArn: z => z.string(),
        deploymentConfigName: z => z.string(),
        created: z => z.array(z.string()),
        consoleUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input);
      const entityRef = input.entityRef ?? `component:default/${input.name}`;
      const env = resolveEnvironment(settings, clients.defaultRegion, input);
      const serviceName = input.serviceName ?? input.name;
      const applicationName = input.applicationName ?? input.name;
      const deploymentGroupName =
        input.deploymentGroupName ?? `${input.name}-${env.name}`;
      assertAwsName('codeDeployName', 'applicationName', applicationName);
      assertAwsName(
        'codeDeployName',
        'deploymentGroupName',
        deploymentGroupName,
      );
      const shift = resolveDeploymentConfig(
        input.deploymentConfigName,
        input.trafficShift as TrafficShift,
      );
      const serviceRoleArn = input.serviceRoleArn ?? env.codeDeployRoleArn;

      const { codeDeploy, ecs, elbv2 } = await clients.forResource(env);
      const tags = entityTags(entityRef, env.name, tagKeys);
      const isOurs = (t: Record<string, string>) =>
        isTaggedForEntity(t, entityRef, tagKeys);

      // ---- look up what exists and what this depends on ------------------
      const [service, blue, green, prod, test, app, group, config] =
        await Promise.all([
          findService(ecs, env.cluster, serviceName),
          findTargetGroup(elbv2, input.blueTargetGroupName),
          findTargetGroup(elbv2, input.greenTargetGroupName),
          // Empty in a dry run, where the service step created no listener.
          input.productionListenerArn
            ? findListener(elbv2, input.productionListenerArn)
            : undefined,
          input.testListenerArn
            ? findListener(elbv2, input.testListenerArn)
            : undefined,
          findApplication(codeDeploy, applicationName),
          findDeploymentGroup(codeDeploy, applicationName, deploymentGroupName),
          findDeploymentConfig(codeDeploy, shift.name),
        ]);
      // In a dry run the earlier steps created nothing, so missing
      // dependencies are reported instead of failing the run.
      const missing = (message: string) => {
        if (!ctx.isDryRun) throw new InputError(message);
        ctx.logger.warn(
          `Dry run: ${message} (expected to be created by an earlier step)`,
        );
      };
      if (!service) {
        missing(
          `serviceName: no ECS service '${serviceName}' in cluster ${env.cluster}`,
        );
      } else if (service.deploymentController?.type !== 'CODE_DEPLOY') {
        throw new InputError(
          `serviceName: service '${serviceName}' uses the ${
            service.deploymentController?.type ?? 'ECS'
          } deployment controller; CodeDeploy needs CODE_DEPLOY`,
        );
      }
      if (!blue)
        missing(
          `blueTargetGroupName: no target group '${input.blueTargetGroupName}'`,
        );
      if (!green)
        missing(
          `greenTargetGroupName: no target group '${input.greenTargetGroupName}'`,
        );
      if (!prod)
        missing(
          `productionListenerArn: no listener '${input.productionListenerArn}'`,
        );
      if (input.testListenerArn && !test) {
        missing(`testListenerArn: no listener '${input.testListenerArn}'`);
      }
      if (!config && !shift.custom) {
        throw new InputError(
          `deploymentConfigName: no deployment config '${shift.name}'`,
        );
      }
      if (
        config &&
        config.computePlatform &&
        config.computePlatform !== 'ECS'
      ) {
        throw new InputError(
          `deploymentConfigName: '${shift.name}' is not an ECS deployment config`,
        );
      }
      const applicationArn = codeDeployApplicationArn({
        ...env,
        application: applicationName,
      });
      if (app) {
        if (app.computePlatform && app.computePlatform !== 'ECS') {
          throw new ConflictError(
            `applicationName: CodeDeploy application '${applicationName}' exists for ${app.computePlatform}, not ECS`,
          );
        }
        const appTags = await codeDeployTags(codeDeploy, applicationArn);
        const owner = appTags[tagKeys.entityKey];
        if (owner !== undefined && !isOurs(appTags)) {
          throw new ConflictError(
            `applicationName: CodeDeploy application '${applicationName}' belongs to ${owner}`,
          );
        }
      }
      if (group) {
        const target = group.ecsServices?.[0];
        if (
          target &&
          (target.serviceName !== serviceName ||
            target.clusterName !== env.cluster)
        ) {
          throw new ConflictError(
            `deploymentGroupName: deployment group '${deploymentGroupName}' deploys ${target.clusterName}/${target.serviceName}, not ${env.cluster}/${serviceName}`,
          );
        }
      }

      const plan = [
        !config && `deployment config ${shift.name}`,
        !app && `CodeDeploy application ${applicationName}`,
        !group && `deployment group ${deploymentGroupName}`,
      ].filter(Boolean) as string[];
      const emit = (created: string[]) => {
        ctx.output('applicationName', applicationName);
        ctx.output('applicationArn', applicationArn);
        ctx.output('deploymentGroupName', deploymentGroupName);
        ctx.output(
          'deploymentGroupArn',
          codeDeployGroupArn({
            ...env,
            application: applicationName,
            deploymentGroup: deploymentGroupName,
          }),
        );
        ctx.output(
          'deploymentConfigName',
          group?.deploymentConfigName ?? shift.name,
        );
        ctx.output('created', created);
        ctx.output(
          'consoleUrl',
          consoleLinks.codeDeployGroup(
            env.region,
            applicationName,
            deploymentGroupName,
          ),
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

      // ---- create what is missing ----------------------------------------
      const key = (what: string) =>
        `ecs.codedeploy.${env.accountId}.${env.region}.${applicationName}.${deploymentGroupName}.${what}`;
      if (!config && shift.custom) {
        await ctx.checkpoint({
          key: key(`config.${shift.name}`),
          fn: async () => {
            await awsCall('creating the deployment config', shift.name, () =>
              codeDeploy.send(
                new CreateDeploymentConfigCommand({
                  deploymentConfigName: shift.name,
                  computePlatform: 'ECS',
                  trafficRoutingConfig: shift.custom,
                }),
              ),
            );
          },
        });
        ctx.logger.info(`Created deployment config ${shift.name}`);
      }
      if (!app) {
        await ctx.checkpoint({
          key: key('application'),
          fn: async () => {
            await awsCall(
              'creating the CodeDeploy application',
              applicationName,
              () =>
                codeDeploy.send(
                  new CreateApplicationCommand({
                    applicationName,
                    computePlatform: 'ECS',
                    // The application is shared by the service's environments,
                    // so it carries only the entity tag.
                    tags: tags.filter(t => t.Key === tagKeys.entityKey),
                  }),
                ),
            );
          },
        });
        ctx.logger.info(`Created CodeDeploy application ${applicationName}`);
      }
      if (!group) {
        const rollbackEvents: AutoRollbackEvent[] = ['DEPLOYMENT_FAILURE'];
        if (input.alarms.length)
          rollbackEvents.push('DEPLOYMENT_STOP_ON_ALARM');
        await ctx.checkpoint({
          key: key('group'),
          fn: async () => {
            await awsCall(
              'creating the deployment group',
              deploymentGroupName,
              () =>
                codeDeploy.send(
                  new CreateDeploymentGroupCommand({
                    applicationName,
                    deploymentGroupName,
                    deploymentConfigName: shift.name,
                    serviceRoleArn,
                    deploymentStyle: {
                      deploymentType: 'BLUE_GREEN',
                      deploymentOption: 'WITH_TRAFFIC_CONTROL',
                    },
                    blueGreenDeploymentConfiguration: {
                      deploymentReadyOption: input.waitForApproval
                        ? {
                            actionOnTimeout: 'STOP_DEPLOYMENT',
                            waitTimeInMinutes: input.readyWaitMinutes,
                          }
                        : {
                            actionOnTimeout: 'CONTINUE_DEPLOYMENT',
                            waitTimeInMinutes: 0,
                          },
                      terminateBlueInstancesOnDeploymentSuccess: {
                        action: 'TERMINATE',
                        terminationWaitTimeInMinutes:
                          input.terminationWaitMinutes,
                      },
                    },
                    ecsServices: [{ clusterName: env.cluster, serviceName }],
                    loadBalancerInfo: {
                      targetGroupPairInfoList: [
                        {
                          targetGroups: [
                            { name: input.blueTargetGroupName },
                            { name: input.greenTargetGroupName },
                          ],
                          prodTrafficRoute: {
                            listenerArns: [input.productionListenerArn],
                          },
                          ...(input.testListenerArn
                            ? {
                                testTrafficRoute: {
                                  listenerArns: [input.testListenerArn],
                                },
                              }
                            : {}),
                        },
                      ],
                    },
                    alarmConfiguration: {
                      enabled: input.alarms.length > 0,
                      alarms: input.alarms.map((name: string) => ({ name })),
                    },
                    autoRollbackConfiguration: {
                      enabled: input.autoRollback,
                      events: rollbackEvents,
                    },
                    tags,
                  }),
                ),
            );
          },
        });
        ctx.logger.info(`Created deployment group ${deploymentGroupName}`);
      }
      emit(plan);
    },
  });
}
