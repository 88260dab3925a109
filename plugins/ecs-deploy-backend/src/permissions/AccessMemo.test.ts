import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createApiRouter } from '../routes/apiRouter';
import { errorHandler, notFoundHandler } from '../routes/errorHandler';
import { assignRequestId } from '../routes/requestId';
import { validBodies } from '../actions/__testUtils__/validBodies';
import { AccessMemo } from './AccessMemo';

const ENTITY = '/api/entities/component/default/payments-api';
const JANE = 'user:default/jane';
const JOHN = 'user:default/john';

const payments = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { owner: 'team-payments' },
};

/**
 * The API router with a catalog and a permission framework that count their
 * calls, and an access memo on a clock the test moves.
 */
async function app(
  options: { result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  let now = 1_000_000;
  const catalog = catalogServiceMock({ entities: [payments] });
  const lookups = jest.spyOn(catalog, 'getEntityByRef');
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({ result: options.result ?? AuthorizeResult.ALLOW })),
    ),
  });
  const perform = jest.fn(async () => ({
    response: { ledgerEntry: { id: 'l-1' } },
    replay: false,
  }));
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const router = Router();
  router.use(assignRequestId(), express.json());
  router.use(
    await createApiRouter({
      httpAuth: mockServices.httpAuth(),
      catalog,
      permissions,
      auditor: mockServices.auditor.mock({
        createEvent: jest.fn(async () => auditEvent),
      }),
      reads: {
        overviews: async () => ({
          entityRef: 'component:default/payments-api',
          environments: [],
        }),
        traffic: async () => ({ environments: [] }),
      } as any,
      history: {} as any,
      actions: { perform } as any,
      access: new AccessMemo({ ttlMs: 5_000, now: () => now }),
    }),
  );
  router.use(
    notFoundHandler(),
    errorHandler({ logger: mockServices.logger.mock() }),
  );
  const server = express().use('/api', router);
  const get = (path: string, user = JANE) =>
    request(server)
      .get(`${ENTITY}${path}`)
      .set('authorization', mockCredentials.user.header(user));
  const post = (action: 'approve', user = JANE) =>
    request(server)
      .post(`${ENTITY}/actions/${action}`)
      .set('authorization', mockCredentials.user.header(user))
      .send(validBodies[action]);
  return {
    get,
    post,
    lookups,
    decisions: permissions.authorize as jest.Mock,
    perform,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('reads reuse the lookup and decision of a moment ago', () => {
  it('asks the catalog and the permission framework once for one user within the window', async () => {
    const { get, lookups, decisions, advance } = await app();
    expect((await get('/environments')).status).toBe(200);
    expect((await get('/traffic')).status).toBe(200);
    advance(4_000);
    expect((await get('/environments')).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(decisions).toHaveBeenCalledTimes(1);

    advance(2_000); // past the window
    expect((await get('/environments')).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(decisions).toHaveBeenCalledTimes(2);
  });

  it('never reuses one user’s decision for another', async () => {
    const { get, lookups, decisions } = await app();
    await get('/environments', JANE);
    await get('/environments', JOHN);
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(decisions).toHaveBeenCalledTimes(2);
    expect(decisions.mock.calls[1][1].credentials.principal).toMatchObject({
      userEntityRef: JOHN,
    });
  });

  it('keeps a denial for that user only', async () => {
    const { get, decisions } = await app({ result: AuthorizeResult.DENY });
    expect((await get('/environments')).status).toBe(403);
    expect((await get('/environments')).status).toBe(403);
    expect(decisions).toHaveBeenCalledTimes(1);
  });

  it('authorizes a mutation afresh, right after a read', async () => {
    const { get, post, lookups, decisions, perform } = await app();
    await get('/environments');
    const res = await post('approve');
    expect(res.status).toBe(200);
    expect(perform).toHaveBeenCalledTimes(1);
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(decisions).toHaveBeenCalledTimes(2);
    expect(decisions.mock.calls[1][0]).toEqual([
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'ecs-deploy.pipeline.approve',
        }),
      }),
    ]);
    // and again on the next one
    await post('approve');
    expect(decisions).toHaveBeenCalledTimes(3);
  });

  it('asks afresh for service callers', async () => {
    const memo = new AccessMemo({ ttlMs: 5_000 });
    const service = mockCredentials.service('plugin:catalog');
    const lookup = jest.fn(async () => payments);
    await memo.entity(service, 'component:default/x', lookup);
    await memo.entity(service, 'component:default/x', lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    const load = jest.fn(async () => AuthorizeResult.ALLOW);
    await memo.decision(service, 'component:default/x', 'p', load);
    await memo.decision(service, 'component:default/x', 'p', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
