import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createApiRouter } from './apiRouter';
import { errorHandler, notFoundHandler } from './errorHandler';
import { assignRequestId } from './requestId';

const ENTITY = '/entities/component/default/payments-api';

// The API router with the plugin's surroundings; nothing behind the routes
// is reached here (the catalog is asserted untouched), so the services are empty.
async function app() {
  const catalog = catalogServiceMock.mock();
  const auditEvent = {
    success: jest.fn(async () => {}),
    fail: jest.fn(async () => {}),
  };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });
  const router = Router();
  router.use(assignRequestId(), express.json());
  router.use(
    await createApiRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
      catalog,
      permissions: mockServices.permissions(),
      auditor,
      reads: {} as any,
      history: {} as any,
      actions: {} as any,
    }),
  );
  router.use(
    notFoundHandler(),
    errorHandler({ logger: mockServices.logger.mock() }),
  );
  return { server: express().use(router), catalog, auditor, auditEvent };
}

describe('the API router', () => {
  it.each([
    ['/history?limit=0', 'limit: must be >= 1'],
    ['/history?limit=ten', 'limit: must be integer'],
    ['/history?status=FAILED,WHATEVER', 'status.1: must be equal to one of'],
    ['/history?cursor=', 'cursor: must not be empty'],
    ['/history?colour=blue', 'colour: not a parameter of this endpoint'],
    ['/stopped-tasks', 'environment: is required'],
    ['/traffic?environment=../prod', 'environment: must match pattern'],
    ['/promotion-preview?from=staging', 'to: is required'],
    [
      `/ledger?cursor=${'x'.repeat(600)}`,
      'cursor: must NOT have more than 512',
    ],
  ])(
    'answers %s with a 400 naming the field, before the catalog',
    async (path, message) => {
      const { server, catalog } = await app();
      const res = await request(server).get(`${ENTITY}${path}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        code: 'InvalidInput',
        message: expect.stringContaining(`Invalid request: ${message}`),
      });
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['kind', '/entities/1component/default/x/environments'],
    ['namespace', '/entities/component/..%3Aby-uid/x/environments'],
    ['name', `/entities/component/default/${'a'.repeat(64)}/traffic`],
  ])('refuses a bad %s in the path', async (field, path) => {
    const { server, catalog } = await app();
    const res = await request(server).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(`Invalid request: ${field}: `);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('refuses an action body the spec does not allow, and audits the refusal', async () => {
    const { server, catalog, auditor, auditEvent } = await app();
    const res = await request(server)
      .post(`${ENTITY}/actions/approve`)
      .send({ environment: 'prod', decision: 'Maybe' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid request: pipelineExecutionId: is required',
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'ecs-deployment-action',
        meta: {
          action: 'approve',
          entityRef: 'component:default/payments-api',
        },
      }),
    );
    expect(auditEvent.fail).toHaveBeenCalledTimes(1);
    expect(auditEvent.success).not.toHaveBeenCalled();
  });

  it('names the Idempotency-Key header as the spec spells it', async () => {
    const { server } = await app();
    const res = await request(server)
      .post(`${ENTITY}/actions/start-pipeline`)
      .set('Idempotency-Key', 'not a key!')
      .send({ environment: 'prod' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Invalid request: Idempotency-Key: must match pattern/,
    );
  });

  it('applies the rules the spec cannot state before the catalog', async () => {
    const { server, catalog, auditEvent } = await app();
    const res = await request(server)
      .post(`${ENTITY}/actions/promote`)
      .send({
        environment: 'prod',
        from: 'prod',
        imageDigest: `sha256:${'a'.repeat(64)}`,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Invalid request: from: must differ/,
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    expect(auditEvent.fail).toHaveBeenCalledTimes(1);
  });

  it.each(['CONTINUE', 'deploy-everything'])(
    'answers 404 to the action %s, unaudited',
    async action => {
      const { server, auditor } = await app();
      const res = await request(server)
        .post(`${ENTITY}/actions/${action}`)
        .send({ environment: 'prod', deploymentId: 'codedeploy:d-ABCDEFGHI' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NotFound');
      expect(auditor.createEvent).not.toHaveBeenCalled();
    },
  );
});
