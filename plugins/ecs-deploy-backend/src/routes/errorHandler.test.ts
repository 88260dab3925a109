import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { withErrorCode } from '@ecs-deploy/plugin-ecs-deploy-node';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { errorHandler, notFoundHandler } from './errorHandler';
import { assignRequestId } from './requestId';

const ROLE =
  'arn:aws:sts::123456789012:assumed-role/backstage-ecs-deploy/i-0abc';

function app(fail: () => never) {
  const logger = mockServices.logger.mock();
  const router = Router();
  router.use(assignRequestId());
  router.use(express.json({ limit: '1kb' }));
  router.post('/echo', (req, res) => {
    res.json(req.body);
  });
  router.get('/fail', async () => fail());
  router.use(notFoundHandler(), errorHandler({ logger }));
  return { server: express().use(router), logger };
}

const causeNamingTheRole = () =>
  Object.assign(new Error(`User: ${ROLE} is not authorized`), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { requestId: 'aws-request-1', httpStatusCode: 400 },
  });

function expectShape(body: any, statusCode: number) {
  expect(Object.keys(body).sort()).toEqual(['error', 'requestId', 'response']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'name']);
  expect(body.response).toEqual({ statusCode });
}

describe('errorHandler', () => {
  it('answers a Backstage error with its name, own message and code, without the cause', async () => {
    const { server, logger } = app(() => {
      throw new NotAllowedError('Not allowed to act', causeNamingTheRole());
    });
    const res = await request(server).get('/fail');
    expect(res.status).toBe(403);
    expectShape(res.body, 403);
    expect(res.body.error).toEqual({
      name: 'NotAllowedError',
      message: 'Not allowed to act',
      code: 'NotAllowed',
    });
    expect(JSON.stringify(res.body)).not.toMatch(
      /123456789012|backstage-ecs-deploy|stack|aws-request-1/,
    );
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    // the log has the whole error, cause included, under the request id
    const logged = JSON.stringify(logger.info.mock.calls);
    expect(logged).toContain(res.body.requestId);
    expect(logged).toContain(ROLE);
  });

  it('answers the code the error carries', async () => {
    const { server } = app(() => {
      throw withErrorCode(new ConflictError('busy'), 'ActionInProgress');
    });
    const res = await request(server).get('/fail');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ActionInProgress');
  });

  it.each([
    [
      'a TypeError',
      new TypeError(
        "Cannot read properties of undefined (reading 'toLowerCase')",
      ),
    ],
    [
      'an unknown AWS failure',
      new ForwardedError('AWS call failed', causeNamingTheRole()),
    ],
  ])(
    'answers %s with a 500 that points to the log, and logs it as an error',
    async (_, error) => {
      const { server, logger } = app(() => {
        throw error;
      });
      const res = await request(server).get('/fail');
      expect(res.status).toBe(500);
      expectShape(res.body, 500);
      expect(res.body.error).toEqual({
        name: 'Error',
        message: `The request failed unexpectedly; see the backend's log for request ${res.body.requestId}`,
        code: 'Internal',
      });
      expect(JSON.stringify(logger.error.mock.calls)).toContain(
        res.body.requestId,
      );
    },
  );

  it('answers malformed JSON with a 400 naming the body, without echoing it', async () => {
    const { server } = app(() => {
      throw new InputError('unused');
    });
    const res = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"environment": "prod", secret-looking');
    expect(res.status).toBe(400);
    expectShape(res.body, 400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message: 'Invalid request: body: not valid JSON',
      code: 'InvalidInput',
    });
  });

  it('answers a body over the limit with a 413', async () => {
    const { server } = app(() => {
      throw new InputError('unused');
    });
    const res = await request(server)
      .post('/echo')
      .send({ padding: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expectShape(res.body, 413);
    expect(res.body.error.code).toBe('PayloadTooLarge');
  });

  it('answers an unsupported charset or encoding with a 415', async () => {
    const { server } = app(() => {
      throw new InputError('unused');
    });
    const charset = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json; charset=latin-9000')
      .send('{}');
    expect(charset.status).toBe(415);
    expectShape(charset.body, 415);
    expect(charset.body.error.code).toBe('UnsupportedMediaType');
    const encoding = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'zstd-unknown')
      .send('{}');
    expect(encoding.status).toBe(415);
    expect(encoding.body.error.message).toMatch(/Content-Encoding/);
  });

  it('answers an unknown path with a 404 in the same shape', async () => {
    const { server } = app(() => {
      throw new InputError('unused');
    });
    const res = await request(server).get('/entities/../../../etc/passwd');
    expect(res.status).toBe(404);
    expectShape(res.body, 404);
    expect(res.body.error.code).toBe('NotFound');
  });

  it('gives every response its own request id', async () => {
    const { server } = app(() => {
      throw new InputError('unused');
    });
    const a = await request(server)
      .post('/echo')
      .set('X-Request-Id', 'chosen-by-caller')
      .send({});
    const b = await request(server).post('/echo').send({});
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});
