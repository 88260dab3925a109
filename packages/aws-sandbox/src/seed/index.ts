import type { Seeder } from '../core/types';

/**
 * The seeders S2 provides, by name: `demo` (the demo fleet with months of
 * history and live deployments) and `fleet` (the benchmark generator).
 *
 * @public
 */
export const demoSeeders: Record<string, Seeder> = {};
