import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { ActionLease } from './ActionLeases';
import { ActionLedger, BeginActionInput } from './ActionLedger';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const start: BeginActionInput = {
  entityRef: 'component:default/payments-api',
  environment: 'prod',
  action: 'start-pipeline',
  actor: 'user:default/jane',
  idempotencyKey: 'start-key-1',
  request: {},
};

const leaseFor = (ledgerEntryId: string): ActionLease => ({
  entityRef: start.entityRef,
  environment: start.environment,
  ledgerEntryId,
  action: 'start-pipeline',
  actor: 'user:default/jane',
});

/** Replicas of the backend on one database, with a lease of `leaseMs`. */
async function replicas(databaseId: any, count: number, leaseMs: number) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex });
  const result: ActionLedger[] = [];
  for (let i = 0; i < count; i++) {
    result.push(
      await ActionLedger.create({ database, leaseMs, waitForPendingMs: 500 }),
    );
  }
  return result;
}

describe.each(databases.eachSupportedId())('action leases on %p', id => {
  it('lets exactly one of two replicas hold an environment, and names the holder to the other', async () => {
    const [a, b] = await replicas(id, 2, 60_000);
    const results = await Promise.allSettled([
      a.leases.acquire(leaseFor('entry-a')),
      b.leases.acquire(leaseFor('entry-b')),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find(r => r.status === 'rejected') as
      | PromiseRejectedResult
      | undefined;
    expect(refused?.reason).toMatchObject({
      name: 'ConflictError',
      code: 'ActionInProgress',
      message: expect.stringMatching(
        /^Another action is in progress on component:default\/payments-api in prod: start-pipeline by user:default\/jane, started \d{4}-/,
      ),
    });
    // another environment of the entity is free
    await a.leases.acquire({ ...leaseFor('entry-c'), environment: 'staging' });
  });

  it('lets the holder take its lease again, and the next action take it once released', async () => {
    const [ledger] = await replicas(id, 1, 60_000);
    await ledger.leases.acquire(leaseFor('entry-a'));
    await ledger.leases.acquire(leaseFor('entry-a'));
    await expect(ledger.leases.acquire(leaseFor('entry-b'))).rejects.toThrow(
      /in progress/,
    );
    // only its holder releases it
    await ledger.leases.release(leaseFor('entry-b'));
    await expect(ledger.leases.acquire(leaseFor('entry-b'))).rejects.toThrow(
      /in progress/,
    );
    await ledger.leases.release(leaseFor('entry-a'));
    await ledger.leases.acquire(leaseFor('entry-b'));
    expect(
      await ledger.leases.holder(start.entityRef, start.environment),
    ).toMatchObject({ ledgerEntryId: 'entry-b' });
  });

  it('lets another action take over a lease that has expired', async () => {
    const [ledger] = await replicas(id, 1, 0);
    await ledger.leases.acquire(leaseFor('entry-a'));
    await ledger.leases.acquire(leaseFor('entry-b'));
    expect(
      await ledger.leases.holder(start.entityRef, start.environment),
    ).toMatchObject({ ledgerEntryId: 'entry-b' });
  });
});

describe.each(databases.eachSupportedId())(
  'unsettled ledger entries on %p',
  id => {
    it('keeps the key of an unknown outcome and returns the entry to the retry at once', async () => {
      const [ledger] = await replicas(id, 1, 60_000);
      const first = await ledger.begin(start);
      await ledger.markUnknown(
        first.entry.id,
        new ServiceUnavailableError('socket hang up'),
      );
      const again = await ledger.begin(start);
      expect(again).toMatchObject({
        kind: 'replay',
        entry: { id: first.entry.id, status: 'unknown' },
      });
      expect(ledger.isUnsettled(again.entry)).toBe(true);
      expect((await ledger.unsettled(10)).map(e => e.id)).toEqual([
        first.entry.id,
      ]);
    });

    it('lets exactly one of two replicas settle an unknown entry', async () => {
      const [a, b] = await replicas(id, 2, 60_000);
      const { entry } = await a.begin(start);
      await a.markUnknown(entry.id, new Error('socket hang up'));
      const claims = await Promise.all([
        a.claimUnsettled(entry.id),
        b.claimUnsettled(entry.id),
      ]);
      expect(claims.sort()).toEqual([false, true]);
      // claimed: pending again, and not unsettled until it outlives the lease
      expect(await a.get(entry.id)).toMatchObject({ status: 'pending' });
      expect(await a.unsettled(10)).toEqual([]);
      expect(await a.claimUnsettled(entry.id)).toBe(false);
    });

    it('treats an entry pending for longer than the lease as unsettled', async () => {
      const [ledger] = await replicas(id, 1, 0);
      const { entry } = await ledger.begin(start);
      await new Promise(resolve => setTimeout(resolve, 5));
      expect((await ledger.unsettled(10)).map(e => e.id)).toEqual([entry.id]);
      // the retry does not wait for a process that died
      expect(await ledger.begin(start)).toMatchObject({
        kind: 'replay',
        entry: { id: entry.id, status: 'pending' },
      });
      expect(await ledger.claimUnsettled(entry.id)).toBe(true);
    });
  },
);
