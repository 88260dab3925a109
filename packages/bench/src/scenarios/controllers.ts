import { startSandbox } from '@ecs-deploy/aws-sandbox';
import { entityPath, startBackendUnderTest } from '../backendUnderTest';
import { subjectsOf } from '../fleet';
import { table } from '../report';
import { awsSettled } from '../settle';
import { measure } from './endpoints';

export interface ControllerStep {
  calls: number;
  ms: number;
  depth: number;
  status: number;
}

export interface ControllerRow {
  entity: string;
  kind: string;
  overview: ControllerStep;
  history: ControllerStep;
  detail: ControllerStep;
  traffic: ControllerStep;
}

/**
 * The demo fleet, one entity per deployment kind (CodeDeploy, ECS rolling,
 * blue/green, canary, linear, EXTERNAL; three environments each, two for
 * EXTERNAL), walked as a user opens the tabs: overview (cold), history page
 * 1, the newest entry's detail, traffic. The CodeDeploy group maps of the
 * accounts are filled first through `warmWith`, so they are not counted.
 */
export async function runControllers(options: {
  latencyMs: number;
  warmWith: string;
}): Promise<{ rows: ControllerRow[]; markdown: string }> {
  const sb = await startSandbox({ seed: 'demo', latencyMs: options.latencyMs });
  const subjects = subjectsOf(sb).filter(s => s.name !== options.warmWith);
  const backend = await startBackendUnderTest({
    endpoint: sb.url,
    entities: subjectsOf(sb).map(s => s.entity),
  });
  try {
    await backend.get(`${entityPath(options.warmWith)}/environments`);
    await awsSettled(sb);
    const rows: ControllerRow[] = [];
    const step = async (p: string) => {
      const m = await measure(sb, backend, p, options.latencyMs);
      return {
        step: {
          calls: m.calls,
          ms: Math.round(m.ms),
          depth: m.depth,
          status: m.status,
        },
        body: m.outcome.body as any,
      };
    };
    for (const subject of subjects) {
      const base = entityPath(subject.name);
      const overview = await step(`${base}/environments`);
      const envs = overview.body?.environments ?? [];
      const kind = [
        ...new Set(
          envs.map((e: any) =>
            e.controller === 'CODE_DEPLOY' || e.controller === 'EXTERNAL'
              ? e.controller
              : `ECS ${e.strategy?.kind ?? ''}`,
          ),
        ),
      ].join(', ');
      const history = await step(`${base}/history?limit=25`);
      const newest = history.body?.items?.[0];
      const detail = newest
        ? await step(
            `${base}/deployments/${encodeURIComponent(newest.id)}?environment=${
              newest.environment
            }`,
          )
        : { step: { calls: 0, ms: 0, depth: 0, status: 0 } };
      const traffic = await step(`${base}/traffic`);
      rows.push({
        entity: subject.name,
        kind,
        overview: overview.step,
        history: history.step,
        detail: detail.step,
        traffic: traffic.step,
      });
    }
    const cell = (s: ControllerStep) =>
      `${s.calls} / ${s.ms} / ${s.depth}${
        s.status === 200 ? '' : ` (${s.status})`
      }`;
    const markdown = table(
      [
        'entity',
        'deploys with',
        'overview (cold)',
        'history p1',
        'newest detail',
        'traffic',
      ],
      rows.map(r => [
        r.entity,
        r.kind,
        cell(r.overview),
        cell(r.history),
        cell(r.detail),
        cell(r.traffic),
      ]),
    );
    return {
      rows,
      markdown: `Cells: AWS calls / ms / observed chain depth, in the order a user opens them (only the overview is cold; later steps reuse what it cached).\n\n${markdown}`,
    };
  } finally {
    await backend.stop();
    await sb.close();
  }
}
