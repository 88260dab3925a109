/*
 * The service registry: one line per service module, one line per seeder.
 * createWorld builds the stores in this order and ticks them in this order.
 */
import type { Seeder, ServiceModule } from '../core/types';
import { demoSeeders } from '../seed';
import { codeDeployModule } from './codedeploy';
import { codePipelineModule } from './codepipeline';
import { ecrModule } from './ecr';
import { ecsModule } from './ecs';
import { elbv2Module } from './elbv2';
import { taggingModule } from './tagging';

/** @public */
export const serviceModules: ServiceModule[] = [
  // CodeDeploy and CodePipeline call ECS, ELBv2 and ECR while ticking, so
  // those come first.
  ecsModule,
  elbv2Module,
  ecrModule,
  taggingModule,
  codeDeployModule,
  codePipelineModule,
];

/**
 * The seeders by name (`demo`, `fleet`), from `src/seed/index.ts`.
 *
 * @public
 */
export const seeders: Record<string, Seeder> = { ...demoSeeders };
