import express from 'express';
import request from 'supertest';
import { sendJson } from './sendJson';

/** An answer as the read cache hands it out: frozen, shared by every viewer. */
function frozen<T>(value: T): T {
  const freeze = (v: unknown) => {
    if (v && typeof v === 'object') {
      Object.values(v).forEach(freeze);
      Object.freeze(v);
    }
  };
  freeze(value);
  return value;
}

describe('sendJson', () => {
  const answer = frozen({
    entityRef: 'component:default/payments-api',
    environments: [
      { name: 'prod', note: 'ünïcödé “quotes” </script>', count: 3, ok: true },
    ],
  });
  const app = express()
    .get('/cached', (_req, res) => sendJson(res, answer))
    .get('/json', (_req, res) => {
      res.json(answer);
    })
    .get('/fresh', (_req, res) => sendJson(res, { made: 'per request' }));

  it('sends the bytes and headers res.json sends', async () => {
    const [cached, json] = await Promise.all([
      request(app).get('/cached'),
      request(app).get('/json'),
    ]);
    expect(cached.status).toBe(200);
    expect(cached.text).toBe(json.text);
    expect(cached.headers['content-type']).toBe(json.headers['content-type']);
    expect(cached.headers['content-length']).toBe(
      json.headers['content-length'],
    );
    expect(cached.headers.etag).toBe(json.headers.etag);
    expect(cached.body).toEqual(answer);
  });

  it('stringifies a cached answer once for every viewer', async () => {
    const shared = frozen({ environments: [{ name: 'dev' }] });
    const viewers = express().get('/', (_req, res) => sendJson(res, shared));
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      for (let i = 0; i < 3; i++) await request(viewers).get('/').expect(200);
      expect(stringify.mock.calls.filter(([v]) => v === shared)).toHaveLength(
        1,
      );
    } finally {
      stringify.mockRestore();
    }
  });

  it('answers 304 to a viewer that has the answer already', async () => {
    const first = await request(app).get('/cached');
    const again = await request(app)
      .get('/cached')
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('sends what is not a cached answer as res.json does', async () => {
    const res = await request(app).get('/fresh');
    expect(res.body).toEqual({ made: 'per request' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});
