import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ActionLedger, BeginActionInput } from './ActionLedger';

jest.setTimeout(60_000);

// PostgreSQL runs on these machines and in CI (scripts/test.sh sets the
// connection string); a developer without it still gets the SQLite runs.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

if (process.env.CI && !databases.supports('POSTGRES_15')) {
  throw new Error(
    'CI must test the ledger on PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
  );
}

const approve: BeginActionInput = {
  entityRef: 'component:default/payments-api',
  environment: 'prod',
  action: 'approve',
  actor: 'user:default/guest',
  idempotencyKey: 'key-1',
  request: { decision: 'approve', comment: 'looks good' },
};

async function ledgers(databaseId: any, count: number) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex });
  // replicas start one after another, as a rolling deployment starts them
  const result: ActionLedger[] = [];
  for (let i = 0; i < count; i++) {
    result.push(
      await ActionLedger.create({ database, waitForPendingMs: 2_000 }),
    );
  }
  return result;
}

describe.each(databases.eachSupportedId())('ActionLedger on %p', id => {
  it('records an action from start to outcome and lists it newest first', async () => {
    const [ledger] = await ledgers(id, 1);
    const first = await ledger.begin({ ...approve, idempotencyKey: undefined });
    expect(first.kind).toBe('new');
    await ledger.succeed(first.entry.id, {
      awsResource:
        'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
      result: { summary: 'Approved by user:default/guest: looks good' },
    });
    const second = await ledger.begin({
      ...approve,
      action: 'continue',
      idempotencyKey: undefined,
    });
    await ledger.fail(second.entry.id, new ConflictError('not waiting'), {
      retryable: false,
    });

    const entries = await ledger.list(approve.entityRef, { limit: 10 });
    expect(entries.map(e => [e.action, e.status])).toEqual([
      ['continue', 'failed'],
      ['approve', 'succeeded'],
    ]);
    expect(entries[1]).toMatchObject({
      actor: 'user:default/guest',
      environment: 'prod',
      awsResource:
        'arn:aws:codepipeline:eu-west-1:333333333333:payments-api-prod',
      request: approve.request,
      result: { summary: 'Approved by user:default/guest: looks good' },
    });
    expect(entries[0].error).toMatchObject({
      name: 'ConflictError',
      message: 'not waiting',
    });
    expect(await ledger.list('component:default/other', { limit: 10 })).toEqual(
      [],
    );
  });

  it('replays a finished request with the same key instead of acting again', async () => {
    const [ledger] = await ledgers(id, 1);
    const first = await ledger.begin(approve);
    await ledger.succeed(first.entry.id, { result: { ok: 1 } });

    const again = await ledger.begin(approve);
    expect(again).toMatchObject({
      kind: 'replay',
      entry: { id: first.entry.id, status: 'succeeded', result: { ok: 1 } },
    });
  });

  it('replays a non-retryable failure and releases the key after a retryable one', async () => {
    const [ledger] = await ledgers(id, 1);
    const first = await ledger.begin(approve);
    await ledger.fail(first.entry.id, new NotFoundError('gone'), {
      retryable: false,
    });
    const replay = await ledger.begin(approve);
    expect(replay.kind).toBe('replay');
    // the router's error handler maps errors by name, so a replay answers 404 again
    expect(() => ActionLedger.rethrow(replay.entry)).toThrow(
      expect.objectContaining({ name: NotFoundError.name, message: 'gone' }),
    );

    const other = { ...approve, idempotencyKey: 'key-2' };
    const throttled = await ledger.begin(other);
    await ledger.fail(throttled.entry.id, new Error('Rate exceeded'), {
      retryable: true,
    });
    expect((await ledger.begin(other)).kind).toBe('new');
  });

  it('refuses a key reused for a different request', async () => {
    const [ledger] = await ledgers(id, 1);
    await ledger.begin(approve);
    await expect(
      ledger.begin({ ...approve, request: { decision: 'reject' } }),
    ).rejects.toThrow(InputError);
  });

  it('answers 409 while the identical first request is still running', async () => {
    const [ledger] = await ledgers(id, 1);
    await ledger.begin(approve);
    await expect(ledger.begin(approve)).rejects.toThrow(ConflictError);
  });

  it('lets exactly one of two replicas claim a repeated request', async () => {
    const [replicaA, replicaB] = await ledgers(id, 2);
    const claims = await Promise.allSettled([
      replicaA.begin(approve),
      replicaB.begin(approve),
    ]);
    const fresh = claims.filter(
      c => c.status === 'fulfilled' && c.value.kind === 'new',
    );
    expect(fresh).toHaveLength(1);
    // the other waited for the winner, which never finished in this test
    expect(claims.filter(c => c.status === 'rejected')).toHaveLength(1);
  });

  it('lists one environment page after page, keeping entries of the same millisecond', async () => {
    const [ledger] = await ledgers(id, 1);
    const at = new Date('2026-11-23T12:00:00.000Z');
    jest.useFakeTimers({
      now: at,
      doNotFake: ['setTimeout', 'setImmediate', 'nextTick'],
    });
    try {
      for (const environment of ['prod', 'prod', 'dev', 'prod']) {
        await ledger.begin({
          ...approve,
          environment,
          idempotencyKey: undefined,
        });
      }
    } finally {
      jest.useRealTimers();
    }
    const first = await ledger.list(approve.entityRef, {
      limit: 2,
      environment: 'prod',
    });
    expect(first).toHaveLength(2);
    const rest = await ledger.list(approve.entityRef, {
      limit: 2,
      environment: 'prod',
      after: { createdAt: first[1].createdAt, id: first[1].id },
    });
    expect(rest).toHaveLength(1);
    const ids = [...first, ...rest].map(e => e.id);
    expect(new Set(ids).size).toBe(3);
    expect([...first, ...rest].every(e => e.environment === 'prod')).toBe(true);
  });
});
