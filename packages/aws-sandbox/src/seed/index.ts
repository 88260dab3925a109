import type { Seeder } from '../core/types';
import { seedDemoFleet } from './demoFleet';
import { generateFleet } from './generateFleet';

export { seedDemoFleet } from './demoFleet';
export { generateFleet, type FleetOptions } from './generateFleet';
export * from './catalog';

/**
 * The seeders the sandbox offers, by name: `demo` (the demo fleet with months of
 * history and live deployments) and `fleet` (the benchmark generator, options
 * from `startSandbox({ seedOptions })`).
 *
 * @public
 */
export const demoSeeders: Record<string, Seeder> = {
  demo: seedDemoFleet,
  fleet: ctx => generateFleet(ctx, ctx.options),
};
