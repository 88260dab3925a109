import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** An unsigned token shaped like Backstage's (the frontend reads `exp` only). */
function guestToken(): string {
  const part = (o: object) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    sub: 'user:default/guest',
    ent: ['user:default/guest'],
    exp: Math.floor(Date.now() / 1000) + 3600,
  })}.bench`;
}

export interface AppServer {
  url: string;
  /** requests the app made to /api/ecs-deploy */
  ecsDeployRequests: string[];
  /** each request to the backend plugin: when it came (epoch ms) and how long it took */
  ecsDeployTimings: { request: string; at: number; ms: number }[];
  close(): Promise<void>;
}

/**
 * Serves the production build of packages/app on 127.0.0.1 and, at the same
 * origin (the build resolves its backend relative to the page), the few
 * backend routes the entity page needs: guest auth, the entity from the
 * catalog, permissions (allow), and /api/ecs-deploy proxied to the real
 * backend plugin under test. Everything else answers 404 as an absent
 * plugin would.
 */
export async function startAppServer(options: {
  distDir: string;
  entities: Entity[];
  backendUrl: string;
  authorization: string;
}): Promise<AppServer> {
  const ecsDeployRequests: string[] = [];
  const ecsDeployTimings: AppServer['ecsDeployTimings'] = [];
  let self = '';
  const entities = new Map(
    options.entities.map(e => [
      `${e.kind.toLowerCase()}/${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`,
      { ...e, metadata: { ...e.metadata, uid: `uid-${e.metadata.name}` } },
    ]),
  );
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>(resolve => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench');
    const p = url.pathname;
    try {
      if (p.startsWith('/api/ecs-deploy/')) {
        const request = `${req.method} ${p}${url.search}`;
        const at = Date.now();
        ecsDeployRequests.push(request);
        const body = req.method === 'GET' ? undefined : await readBody(req);
        const upstream = await fetch(`${options.backendUrl}${p}${url.search}`, {
          method: req.method,
          headers: {
            authorization: options.authorization,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body,
        });
        res.writeHead(upstream.status, {
          'content-type':
            upstream.headers.get('content-type') ?? 'application/json',
        });
        res.end(Buffer.from(await upstream.arrayBuffer()));
        ecsDeployTimings.push({ request, at, ms: Date.now() - at });
        return;
      }
      if (p.startsWith('/api/auth/guest/refresh')) {
        json(res, 200, {
          profile: { displayName: 'Guest' },
          backstageIdentity: {
            token: guestToken(),
            expiresInSeconds: 3600,
            identity: {
              type: 'user',
              userEntityRef: 'user:default/guest',
              ownershipEntityRefs: ['user:default/guest'],
            },
          },
        });
        return;
      }
      const byName =
        /^\/api\/catalog\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(
          p,
        );
      if (byName) {
        const entity = entities.get(
          `${byName[1].toLowerCase()}/${byName[2]}/${byName[3]}`,
        );
        if (entity) json(res, 200, entity);
        else json(res, 404, { error: { name: 'NotFoundError', message: p } });
        return;
      }
      if (p === '/api/permission/authorize') {
        const body = JSON.parse((await readBody(req)) || '{}');
        json(res, 200, {
          items: (body.items ?? []).map((i: { id: string }) => ({
            id: i.id,
            result: 'ALLOW',
          })),
        });
        return;
      }
      if (p.startsWith('/api/')) {
        json(res, 404, {
          error: {
            name: 'NotFoundError',
            message: `${p} is not served by the bench`,
          },
        });
        return;
      }
      // The app: a file of the build, or index.html for client-side routes.
      const file = path.join(options.distDir, path.normalize(p));
      const target =
        file.startsWith(options.distDir) &&
        fs.existsSync(file) &&
        fs.statSync(file).isFile()
          ? file
          : path.join(options.distDir, 'index.html');
      res.writeHead(200, {
        'content-type':
          TYPES[path.extname(target)] ?? 'application/octet-stream',
      });
      if (target.endsWith('.html')) {
        // The build embeds app-config.yaml's URLs (the portal's ports):
        // point the app and its backend at this server instead.
        res.end(
          fs
            .readFileSync(target, 'utf8')
            .replace(/http:\/\/localhost:(3000|7007)/g, self),
        );
        return;
      }
      fs.createReadStream(target).pipe(res);
    } catch (error) {
      json(res, 500, { error: { name: 'Error', message: String(error) } });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;
  return {
    url: self,
    ecsDeployRequests,
    ecsDeployTimings,
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
