/*
 * The service registry: one line per service module, one line per seeder.
 * createWorld builds the stores in this order and ticks them in this order.
 * S1 owns ecs, elbv2, ecr and tagging; S2 adds codedeploy, codepipeline and the
 * seeders ('demo', 'fleet') here.
 */
import type { Seeder, ServiceModule } from '../core/types';
import { demoSeeders } from '../seed';
import { codeDeployModule } from './codedeploy';
import { ecrModule } from './ecr';
import { ecsModule } from './ecs';
import { elbv2Module } from './elbv2';
import { codePipelineModule } from './codepipeline';
import { taggingModule } from './tagging';

/** @public */
export const serviceModules: ServiceModule[] = [
  // S1's modules (ecs, elbv2, ecr, tagging) go before S2's: CodeDeploy and
  // CodePipeline call them while ticking.
  ecsModule,
  elbv2Module,
  ecrModule,
  taggingModule,
  codeDeployModule,
  codePipelineModule,
];

/**
 * S2's seeders (`demo`, `fleet`) come from `src/seed/index.ts`.
 *
 * @public
 */
export const seeders: Record<string, Seeder> = { ...demoSeeders };
