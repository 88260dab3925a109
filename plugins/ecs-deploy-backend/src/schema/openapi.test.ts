import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEPLOYMENT_STATUSES } from '@ecs-deploy/plugin-ecs-deploy-common';
import { createReadRouter } from '../routes/createReadRouter';

/*
 * The spec is hand-written documentation; this keeps its paths and status
 * enum from drifting away from the router and the shared types.
 */
const spec = readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8');

describe('openapi.yaml', () => {
  it('documents exactly the read routes the router serves', () => {
    const documented = [...spec.matchAll(/^ {2}(\/entities\/\S+):$/gm)]
      .map(m => m[1].replace(/\{(\w+)\}/g, ':$1'))
      .sort();
    const router = createReadRouter({} as any);
    const served = (router.stack as Array<{ route?: { path: string } }>)
      .flatMap(layer => (layer.route ? [layer.route.path] : []))
      .sort();
    expect(documented).toEqual(served);
  });

  it('lists every deployment status', () => {
    // Flow or block style, whatever the formatter chose.
    const list = /DeploymentStatus:\s+type: string\s+enum:\s*\[([^\]]*)\]/.exec(
      spec,
    )![1];
    expect(
      list
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
    ).toEqual([...DEPLOYMENT_STATUSES]);
  });
});
