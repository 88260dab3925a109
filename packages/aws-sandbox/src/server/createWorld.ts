import { AwsError } from '../core/AwsError';
import { SandboxClock } from '../core/SandboxClock';
import type {
  MutableSandboxWorld,
  ServiceDefinition,
  ServiceModule,
} from '../core/types';
import { InMemoryTagStore } from '../services/tagging/InMemoryTagStore';
import type {
  SandboxStores,
  SandboxWorld,
  SourceRepositoryRule,
} from '../world';
import { createPrng } from './prng';

/** @public */
export interface CreateWorldOptions {
  modules: ServiceModule[];
  speed?: number;
  startAt?: Date;
  defaults?: { accountId: string; region: string };
  /** Git connections' repositories as local git directories (see `SourceRepositoryRule`). */
  sourceRepositories?: SourceRepositoryRule[];
  /** Called when a store's tick throws; the other stores still tick. */
  onTickError?: (module: string, error: unknown) => void;
  /** Seed of `world.random` (default `aws-sandbox`). */
  randomSeed?: string;
}

/** @public */
export interface CreatedWorld {
  world: SandboxWorld;
  tags: InMemoryTagStore;
  definitions: ServiceDefinition[];
  /** Restarts `world.random` from a new seed (after restoring a state file, so new ids do not repeat old ones). */
  reseedRandom(seed: string): void;
}

/**
 * Builds the world: one clock, one tag store, and each registered module's
 * store attached under its name. Cross-service APIs a module does not provide
 * (e.g. CodeDeploy before it is registered) answer with an AwsError rather
 * than crash the caller.
 *
 * @public
 */
export function createWorld(options: CreateWorldOptions): CreatedWorld {
  const clock = new SandboxClock(options.speed ?? 1, options.startAt);
  const tags = new InMemoryTagStore();
  // One store per registered module, added below as each module is created.
  const stores = {} as SandboxStores;
  const order: string[] = [];
  let ticking = false;
  let random = createPrng(options.randomSeed ?? 'aws-sandbox');

  const world: MutableSandboxWorld = {
    clock,
    tags,
    ecs: missingApi('ecs'),
    elbv2: missingApi('elbv2'),
    ecr: missingApi('ecr'),
    codedeploy: missingApi('codedeploy'),
    defaults: options.defaults ?? {
      accountId: '111111111111',
      region: 'eu-west-1',
    },
    sourceRepositories: options.sourceRepositories ?? [],
    stores,
    random: () => random(),
    randomHex(length: number) {
      let out = '';
      while (out.length < length) {
        out += Math.floor(random() * 0x100000000)
          .toString(16)
          .padStart(8, '0');
      }
      return out.slice(0, length);
    },
    tick() {
      // A store's tick may call another service, which must not tick again.
      if (ticking) return;
      ticking = true;
      try {
        const now = clock.nowMs();
        for (const name of order) {
          try {
            stores[name].tick(now);
          } catch (error) {
            options.onTickError?.(name, error);
          }
        }
      } finally {
        ticking = false;
      }
    },
  };

  const definitions: ServiceDefinition[] = [];
  for (const module of options.modules) {
    const created = module.create(world);
    stores[module.name] = created.store;
    order.push(module.name);
    definitions.push(...created.definitions);
  }
  for (const module of options.modules) module.link?.(world);

  return {
    world,
    tags,
    definitions,
    reseedRandom: seed => {
      random = createPrng(seed);
    },
  };
}

function missingApi<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      if (property === 'then') return undefined;
      return () => {
        throw new AwsError(
          'InternalFailure',
          `The sandbox has no ${name} service registered (called ${String(
            property,
          )})`,
          500,
        );
      };
    },
  });
}
