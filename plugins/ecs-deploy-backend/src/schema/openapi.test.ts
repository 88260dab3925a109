import {
  DEPLOYMENT_STATUSES,
  ECS_DEPLOY_ACTION_NAMES,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { createApiRouter } from '../routes/apiRouter';
import { spec } from './openapi';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  regexp: RegExp & { fast_slash?: boolean };
}

// `METHOD /path` of every route in an express router's stack, nested
// routers included (all mounted at their parent's root).
function servedRoutes(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      const { path, methods } = layer.route;
      return Object.keys(methods)
        .filter(m => methods[m])
        .map(m => `${m.toUpperCase()} ${path}`);
    }
    if (!layer.handle.stack) return [];
    if (!layer.regexp.fast_slash) {
      throw new Error(
        `a router mounted below its parent's root: ${layer.regexp}`,
      );
    }
    return servedRoutes(layer.handle.stack);
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function documentedRoutes(): string[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter(key => METHODS.includes(key))
      .map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
  );
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the API router serves', async () => {
    const router = await createApiRouter(
      {} as Parameters<typeof createApiRouter>[0],
    );
    const served = servedRoutes(
      (router as unknown as { stack: Layer[] }).stack,
    );
    // backend-openapi-utils serves the spec itself, outside the spec
    const own = 'GET /openapi.json';
    expect(served).toContain(own);
    expect(served.filter(r => r !== own).sort()).toEqual(
      documentedRoutes().sort(),
    );
  });

  it('has one action endpoint per action, and the shared enums', () => {
    const actionPaths = Object.keys(spec.paths)
      .map(p => /\/actions\/([^/]+)$/.exec(p)?.[1])
      .filter(Boolean);
    expect(actionPaths.sort()).toEqual([...ECS_DEPLOY_ACTION_NAMES].sort());
    expect(spec.components.schemas.ActionName.enum).toEqual([
      ...ECS_DEPLOY_ACTION_NAMES,
    ]);
    expect(spec.components.schemas.DeploymentStatus.enum).toEqual([
      ...DEPLOYMENT_STATUSES,
    ]);
  });
});
