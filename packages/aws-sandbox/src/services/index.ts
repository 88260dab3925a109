/*
 * The service registry: one line per service module, one line per seeder.
 * createWorld builds the stores in this order and ticks them in this order.
 * S1 owns ecs, elbv2, ecr and tagging; S2 adds codedeploy, codepipeline and the
 * seeders ('demo', 'fleet') here.
 */
import type { Seeder, ServiceModule } from '../core/types';

/** @public */
export const serviceModules: ServiceModule[] = [];

/** @public */
export const seeders: Record<string, Seeder> = {};
