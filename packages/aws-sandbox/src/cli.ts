import { parseArgs } from 'node:util';
import { startSandbox, type FaultConfig } from './server';

const USAGE = `Usage: aws-sandbox [options]

  --port <n>        port on 127.0.0.1 (default 4599; 0 picks a free one)
  --seed <name>     none | demo | any registered seeder (default none)
  --speed <n>       simulated seconds per real second (default 1)
  --state <file>    restore from and save to this JSON file
  --latency <ms>    added latency for every call
  --faults <json>   fault rules, e.g. '{"ecs:*":{"throttleRate":0.1}}'
  --help

The control API under /_sandbox/ wants the token printed at start as
Authorization: Bearer <token>.
`;

/**
 * The command line: starts the sandbox and keeps it running until SIGINT or
 * SIGTERM, saving state on the way out.
 *
 * @public
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      state: { type: 'string' },
      latency: { type: 'string' },
      faults: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = numberOption('port', values.port, 4599);
  const speed = numberOption('speed', values.speed, 1);
  const latencyMs = numberOption('latency', values.latency, 0);
  let faults: FaultConfig | undefined;
  if (values.faults) {
    try {
      faults = JSON.parse(values.faults);
    } catch {
      process.stderr.write(`--faults must be JSON\n${USAGE}`);
      process.exit(2);
    }
  }

  const sandbox = await startSandbox({
    port,
    speed,
    latencyMs,
    faults,
    seed: values.seed ?? 'none',
    statePath: values.state,
    logger: {
      info: message => process.stdout.write(`[aws-sandbox] ${message}\n`),
      warn: message => process.stderr.write(`[aws-sandbox] ${message}\n`),
      error: (message, error) =>
        process.stderr.write(
          `[aws-sandbox] ${message}${
            error ? `: ${(error as Error)?.stack ?? error}` : ''
          }\n`,
        ),
    },
  });
  process.stdout.write(
    `[aws-sandbox] listening on ${sandbox.url} (seed ${
      values.seed ?? 'none'
    }, speed ${speed}${values.state ? `, state ${values.state}` : ''})\n` +
      `[aws-sandbox] control API token (new at every start): ${sandbox.controlToken}\n` +
      `[aws-sandbox]   curl -H 'Authorization: Bearer ${sandbox.controlToken}' ${sandbox.url}/_sandbox/health\n`,
  );

  const shutdown = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function numberOption(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative number\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

/** Entry point of the built package's bin. @public */
export function runCli(argv: string[]): void {
  main(argv).catch(error => {
    process.stderr.write(`[aws-sandbox] ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
