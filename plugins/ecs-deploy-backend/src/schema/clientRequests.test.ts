import { mockServices } from '@backstage/backend-test-utils';
import { ECS_DEPLOY_ACTION_NAMES } from '@ecs-deploy/plugin-ecs-deploy-common';
import { resolve } from 'node:path';
import request from 'supertest';
import express from 'express';
import Router from 'express-promise-router';
import { validBodies } from '../actions/__testUtils__/validBodies';
import { errorHandler } from '../routes/errorHandler';
import { createOpenApiRouter } from './openapi';

/*
 * The frontend's hand-written client (no client can be generated from the
 * spec here, see the README) runs against a fetch that records each request;
 * every request is then replayed through the spec's validating router, which
 * must match it to an operation and accept its parameters and body. The
 * client is loaded by path: the backend does not depend on the frontend.
 */
const { EcsDeployClient } = require(resolve(
  __dirname,
  '../../../ecs-deploy/src/api/EcsDeployClient',
));

const BASE = 'http://backstage.test/api/ecs-deploy';

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function recordingClient() {
  const recorded: Recorded[] = [];
  const client = new EcsDeployClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: {
      fetch: async (url: string, init: RequestInit = {}) => {
        recorded.push({
          method: init.method ?? 'GET',
          url,
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          body: init.body as string | undefined,
        });
        return new Response('{}', {
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  });
  return { client, recorded };
}

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

/** One call of every public method of the client, with the inputs its callers pass. */
const calls: Record<string, (client: any) => Promise<unknown>[]> = {
  getEnvironments: c => [c.getEnvironments(entity)],
  getHistory: c => [
    c.getHistory(entity),
    c.getHistory(entity, {
      environment: 'prod',
      status: ['FAILED', 'ROLLED_BACK'],
      cursor: 'AbCd_-.12',
      limit: 10,
    }),
  ],
  getDeployment: c => [
    c.getDeployment(entity, {
      deploymentId: 'codedeploy:d-ABCDEFGHI',
      environment: 'prod',
    }),
  ],
  getTraffic: c => [
    c.getTraffic(entity),
    c.getTraffic(entity, { environment: 'prod' }),
  ],
  getStoppedTasks: c => [c.getStoppedTasks(entity, { environment: 'prod' })],
  getRunningTasks: c => [
    c.getRunningTasks(entity),
    c.getRunningTasks(entity, { environment: 'prod', fresh: true }),
  ],
  getLedger: c => [
    c.getLedger(entity),
    c.getLedger(entity, { environment: 'prod', cursor: 'AbCd', limit: 5 }),
  ],
  getPromotionPreview: c => [
    c.getPromotionPreview(entity, { from: 'staging', to: 'prod' }),
  ],
  getMetrics: c => [
    c.getMetrics(entity),
    c.getMetrics(entity, { windowDays: 90, environment: 'prod' }),
  ],
  performAction: c =>
    ECS_DEPLOY_ACTION_NAMES.map(action =>
      c.performAction(
        entity,
        { action, ...validBodies[action] },
        { idempotencyKey: '0d2d8b8e-1111-4222-8333-444455556666' },
      ),
    ),
};

// The client's own helpers, not calls of the API.
const HELPERS = ['constructor', 'get', 'url', 'parse'];

async function specValidator() {
  const api = await createOpenApiRouter();
  api.use((req, res) => {
    res.json({
      operation: (req as { openapi?: { openApiRoute: string } }).openapi
        ?.openApiRoute,
    });
  });
  const router = Router();
  router.use(
    express.json(),
    api,
    errorHandler({ logger: mockServices.logger.mock() }),
  );
  return express().use(router);
}

describe('the frontend client against the spec', () => {
  it('has a call here for every public method', () => {
    const methods = Object.getOwnPropertyNames(
      EcsDeployClient.prototype,
    ).filter(name => !HELPERS.includes(name));
    expect(methods.sort()).toEqual(Object.keys(calls).sort());
  });

  it('sends only requests that the spec documents and accepts', async () => {
    const { client, recorded } = recordingClient();
    await Promise.all(Object.values(calls).flatMap(call => call(client)));
    expect(recorded.length).toBeGreaterThanOrEqual(
      Object.keys(calls).length + ECS_DEPLOY_ACTION_NAMES.length - 1,
    );
    const server = await specValidator();
    for (const sent of recorded) {
      expect(sent.url.startsWith(`${BASE}/`)).toBe(true);
      const path = sent.url.slice(BASE.length);
      const replay =
        sent.method === 'POST'
          ? request(server).post(path).set(sent.headers).send(sent.body)
          : request(server).get(path).set(sent.headers);
      const res = await replay;
      expect({
        request: `${sent.method} ${path}`,
        status: res.status,
        body: res.body,
      }).toEqual({
        request: `${sent.method} ${path}`,
        status: 200,
        body: { operation: expect.stringMatching(/^\/entities\//) },
      });
    }
  });
});
