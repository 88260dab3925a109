import { Config } from '@backstage/config';
import { isIP } from 'node:net';

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) {
    // URL writes an IPv4-mapped 127.x.y.z as ::ffff:7fxx:yyzz
    return host === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
  }
  return false;
}

/** Whether an endpoint URL points at this machine. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/**
 * Refuses a production start whose AWS clients would talk to a local AWS
 * stand-in. `app-config.yaml` points `ecsDeploy.aws.endpoint` at the
 * sandbox, so a production config that forgets to unset it would serve the
 * sandbox's invented data as if it were AWS. Only an explicit
 * `awsSandbox.enabled: true` allows it.
 */
export function assertEndpointAllowed(
  config: Config,
  endpoint: string | undefined,
  nodeEnv: string | undefined,
): void {
  if (nodeEnv !== 'production' || !endpoint || !isLoopbackEndpoint(endpoint)) {
    return;
  }
  if (config.getOptionalBoolean('awsSandbox.enabled') === true) return;
  throw new Error(
    `ecsDeploy.aws.endpoint is ${endpoint}, a loopback address, and NODE_ENV is production: ` +
      `the ECS Deploy plugins would call a local AWS sandbox instead of AWS. ` +
      `For AWS, unset it (ecsDeploy.aws.endpoint: null in app-config.production.yaml); ` +
      `to run against the sandbox on purpose, set awsSandbox.enabled: true.`,
  );
}
