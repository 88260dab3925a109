import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { codeDeployGroupConsoleUrl } from '@ecs-deploy/plugin-ecs-deploy-common';
import { applyCodeDeploy } from '../apply/applyCodeDeploy';
import { serviceTags } from '../authz/adoption';
import { settlePlan } from '../apply/planOutcome';
import { environmentNamed } from '../config/resolveEnvironment';
import { inspectCodeDeploySite } from '../inspect/codeDeploySite';
import { InputSchema, parseInput } from '../lib/parseInput';
import { codeDeploySpec, planCodeDeploy } from '../plan/codeDeployPlan';
import { serviceLayout } from '../plan/serviceSpec';
import { examples } from './codeDeployCreate.examples';
import type { TrafficShift } from '../plan/deploymentConfig';
import { environmentChoice, serviceIdentity } from './inputs';
import type { EcsActionOptions } from './options';

const inputSchema = {
  ...serviceIdentity,
  ...environmentChoice,
  deploymentConfigName: z =>
    z
      .string({
        description:
          "One of CodeDeploy's predefined ECS configs, e.g. CodeDeployDefault.ECSCanary10Percent5Minutes (instead of trafficShift)",
      })
      .regex(
        /^CodeDeployDefault\.ECS[A-Za-z0-9]+$/,
        'deploymentConfigName must be a predefined CodeDeployDefault.ECS… config; describe any other shift with trafficShift',
      )
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
      .strict()
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
      .array(
        z
          .string()
          .regex(/^[^\s*?][^*?]{0,254}$/, 'alarms: each must be an alarm name'),
        { description: 'CloudWatch alarm names that stop and roll back' },
      )
      .max(10)
      .default([]),
  autoRollback: z =>
    z
      .boolean({ description: 'Roll back on failure and on alarm' })
      .default(true),
} satisfies InputSchema;

/**
 * `ecs:codedeploy:create`: the CodeDeploy application (compute platform ECS)
 * and blue/green deployment group of a CODE_DEPLOY service created by
 * `ecs:service:create`, wired to that service's own target groups and
 * listeners (looked up, never given), with its traffic shifting config
 * (created when custom), ready wait, termination wait, alarms and automatic
 * rollback.
 *
 * @public
 */
export function createCodeDeployCreateAction(options: EcsActionOptions) {
  const { clients, settings, tagKeys, authorizer } = options;
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
      const env = environmentNamed(settings, input.environment);
      const owner = await authorizer.authorize(ctx, input);
      const { entityRef } = owner;
      const layout = serviceLayout({
        name: input.name,
        owner,
        env,
        deployment: { deploymentController: 'CODE_DEPLOY', loadBalanced: true },
      });
      const { names } = layout;
      const spec = codeDeploySpec(layout, {
        ...input,
        trafficShift: input.trafficShift as TrafficShift,
      });

      const aws = await clients.forResource(env);
      const site = await inspectCodeDeploySite(aws, spec);
      const plan = planCodeDeploy(spec, site, tagKeys);
      const creates = settlePlan(
        ctx,
        `the deployment group of ${entityRef} in ${env.name}`,
        plan,
        `run ecs:service:create for '${env.name}' first`,
      );

      ctx.output('applicationName', names.application);
      ctx.output('applicationArn', spec.arns.application);
      ctx.output('deploymentGroupName', names.deploymentGroup);
      ctx.output('deploymentGroupArn', spec.arns.deploymentGroup);
      ctx.output(
        'deploymentConfigName',
        site.group?.value.deploymentConfigName ?? spec.shift.name,
      );
      ctx.output(
        'consoleUrl',
        codeDeployGroupConsoleUrl({
          region: env.region,
          application: names.application,
          deploymentGroup: names.deploymentGroup,
        }),
      );
      if (!creates) {
        ctx.output('created', []);
        return;
      }
      const tags = serviceTags(owner, env.name, tagKeys);
      await applyCodeDeploy(
        {
          checkpoint: ctx.checkpoint,
          logger: ctx.logger,
          keyPrefix: `ecs.codedeploy.${env.accountId}.${env.region}.${names.application}.${names.deploymentGroup}`,
        },
        aws,
        spec,
        site,
        {
          application: tags.filter(t => t.Key !== tagKeys.environmentKey),
          group: tags,
        },
      );
      ctx.output('created', plan.create);
    },
  });
}
