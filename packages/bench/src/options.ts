/** Command line of `yarn bench`. */
export interface BenchOptions {
  quick: boolean;
  latencyMs: number;
  /** seconds of each many-viewers run */
  durationS: number;
  viewers: number;
  fewViewers: number;
  entities: number;
  inProgress: number;
  pollIntervalMs: number;
  services: number;
  deploymentsPerService: number;
  bigEntityDeployments: number;
  samples: number;
  warmRepeats: number;
  deepPage: number;
  parts: Set<string>;
  outDir: string;
  /** node_modules folder holding the awslabs peer, assembled by hand */
  peerDir?: string;
  /** an earlier run's JSON: print before → after for the parts both measured */
  compare?: string;
  /** replica counts of the replicas part */
  replicaCounts: number[];
  /** page mode and replicas: entities each replica reads the tabs of at start */
  warmEntities: number;
  /** page mode and replicas: AWS seconds per real second of their sandbox */
  awsSpeed: number;
  /** the replicas part's shared stores */
  postgresUrl: string;
  redisUrl: string;
}

export const ALL_PARTS = [
  'endpoints',
  'viewers',
  'history',
  'frontend',
  'peer',
  'page',
  'replicas',
];

const USAGE = `yarn bench [--quick] [--duration=S] [--viewers=N] [--latency=MS] [--parts=endpoints,viewers,history,frontend,peer,page,replicas] [--replicas=1,2,4] [--warm-entities=N] [--aws-speed=N] [--compare=bench-results/<earlier>.json]`;

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg}; usage: ${USAGE}`);
    flags.set(m[1], m[2] ?? 'true');
  }
  const quick = flags.get('quick') === 'true';
  const num = (key: string, full: number, short: number) => {
    const raw = flags.get(key);
    if (raw === undefined) return quick ? short : full;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`--${key} must be a number; usage: ${USAGE}`);
    }
    return value;
  };
  const parts = new Set(
    (flags.get('parts') ?? ALL_PARTS.join(',')).split(',').filter(Boolean),
  );
  for (const part of parts) {
    if (!ALL_PARTS.includes(part)) {
      throw new Error(`Unknown part ${part}; known: ${ALL_PARTS.join(', ')}`);
    }
  }
  return {
    quick,
    latencyMs: num('latency', 40, 40),
    durationS: num('duration', 60, 10),
    viewers: num('viewers', 200, 200),
    fewViewers: num('few-viewers', 20, 20),
    entities: num('entities', 20, 20),
    inProgress: num('in-progress', 5, 5),
    // The backend's default `ecsDeploy.warmEntitiesOnStart`.
    warmEntities: num('warm-entities', 50, 50),
    // 10: a 10-step linear shift in a minute, a step every 6 s. 1 is AWS's
    // own pace: a step a minute.
    awsSpeed: num('aws-speed', 10, 10),
    pollIntervalMs: num('interval', 5000, 5000),
    services: num('services', 200, 200),
    deploymentsPerService: num('deployments', 100, 100),
    bigEntityDeployments: num('big-history', 10000, 10000),
    samples: num('samples', 10, 4),
    warmRepeats: num('warm', 5, 3),
    deepPage: num('deep-page', 4, 4),
    parts,
    outDir: flags.get('out') ?? 'bench-results',
    peerDir: flags.get('peer-dir') ?? process.env.BENCH_PEER_DIR,
    compare: flags.get('compare'),
    replicaCounts: (flags.get('replicas') ?? '1,2,4').split(',').map(n => {
      const count = Number(n);
      if (!Number.isInteger(count) || count < 1) {
        throw new Error(`--replicas must list whole numbers; usage: ${USAGE}`);
      }
      return count;
    }),
    postgresUrl:
      flags.get('postgres') ??
      process.env.BENCH_POSTGRES_URL ??
      'postgresql://postgres@127.0.0.1:5432',
    redisUrl:
      flags.get('redis') ??
      process.env.BENCH_REDIS_URL ??
      'redis://127.0.0.1:6379/5',
  };
}
