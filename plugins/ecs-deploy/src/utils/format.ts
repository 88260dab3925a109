import { EnvironmentOverview } from '@ecs-deploy/plugin-ecs-deploy-common';

/**
 * Formats a duration in milliseconds the way people read deployment times:
 * the two most significant units ("4m 12s", "1h 3m"), never "0.07h".
 */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '–';
  }
  const totalSeconds = Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: Array<[number, string]> = [
    [days, 'd'],
    [hours, 'h'],
    [minutes, 'm'],
    [seconds, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) {
    return '0s';
  }
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}

/** The duration between two ISO timestamps, or until `now` when still running. */
export function durationBetween(
  start: string | undefined,
  end: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!start) {
    return undefined;
  }
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) {
    return undefined;
  }
  return Math.max(0, to - from);
}

/** A timestamp in the reader's locale, compact enough for a table cell. */
export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** `sha256:0123456789abcdef…` → `0123456789ab`, the form people compare by eye. */
export function shortDigest(digest: string | undefined): string | undefined {
  if (!digest) {
    return undefined;
  }
  const hex = digest.includes(':') ? digest.split(':')[1] : digest;
  return hex.slice(0, 12);
}

/** Commit ids are shown with 7 characters, as git does. */
export function shortCommit(commit: string | undefined): string | undefined {
  return commit ? commit.slice(0, 7) : undefined;
}

/**
 * How a service deploys, as far as the backend read it ("CODE_DEPLOY
 * CANARY"), with the CodeDeploy configuration when asked; empty for an
 * environment nothing was read about.
 */
export function deploymentKindText(
  env: {
    controller?: string;
    strategy?: { kind: string; configName?: string };
  },
  options: { configName?: boolean } = {},
): string {
  const config =
    options.configName && env.strategy?.configName
      ? `(${env.strategy.configName})`
      : undefined;
  // An EXTERNAL controller's strategy is EXTERNAL too: say it once.
  const kind =
    env.strategy?.kind === env.controller ? undefined : env.strategy?.kind;
  return [env.controller, kind, config].filter(Boolean).join(' ');
}

/**
 * The deployment system of an environment as the backend names it
 * ("CodeDeploy blue/green"); from a backend that names none, how far the
 * controller and strategy say it ("CODE_DEPLOY CANARY").
 */
export function systemLabel(
  env: Pick<EnvironmentOverview, 'system' | 'controller' | 'strategy'>,
): string {
  return env.system?.label ?? deploymentKindText(env);
}
