import type { RunningSandbox } from '@ecs-deploy/aws-sandbox';

/**
 * Waits until the backend has made no AWS call for `quietMs`: the first
 * view in an account answers as soon as its service's deployment group is
 * found while the account scan goes on, and a measurement that starts
 * before the scan ends would count its calls. Bounded: gives up after
 * `maxMs` and says how long it waited.
 */
export async function awsSettled(
  sb: RunningSandbox,
  quietMs = 300,
  maxMs = 30_000,
): Promise<number> {
  const started = Date.now();
  let last = sb.callLog.total();
  let quietSince = Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise(r => setTimeout(r, 50));
    const now = sb.callLog.total();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      break;
    }
  }
  return Date.now() - started;
}
