import { ownerEvents } from './ownerEvents';
import { nextLookIn } from './pace';
import { EnvironmentSnapshot } from './snapshot';

const REF = 'component:default/payments-api';
const waiting: EnvironmentSnapshot = {
  deploymentId: 'codedeploy:d-1',
  status: 'WAITING',
  moving: true,
  waiting: true,
};

describe('ownerEvents', () => {
  it('tells of a wait from the first look, and once per deployment and approval', () => {
    expect(ownerEvents(REF, 'prod', undefined, waiting)).toEqual([
      expect.objectContaining({
        kind: 'waiting',
        key: `waiting:${REF}:prod:codedeploy:d-1:`,
      }),
    ]);
    expect(ownerEvents(REF, 'prod', waiting, { ...waiting })).toEqual([]);
    const approval = { ...waiting, waitingExecutionId: 'e-2' };
    expect(ownerEvents(REF, 'prod', waiting, approval)[0].key).toBe(
      `waiting:${REF}:prod:codedeploy:d-1:e-2`,
    );
  });

  it('does not announce a past failure on the first look, only one it saw happen', () => {
    const failed: EnvironmentSnapshot = {
      deploymentId: 'codedeploy:d-1',
      status: 'FAILED',
      moving: false,
      waiting: false,
    };
    expect(ownerEvents(REF, 'prod', undefined, failed)).toEqual([]);
    expect(ownerEvents(REF, 'prod', waiting, failed)).toEqual([
      expect.objectContaining({ kind: 'failed', severity: 'critical' }),
    ]);
  });

  it("names a CodeDeploy rollback deployment's event after the deployment it rolled back", () => {
    const rollback: EnvironmentSnapshot = {
      deploymentId: 'codedeploy:d-2',
      status: 'SUCCEEDED',
      rollbackOf: 'codedeploy:d-1',
      moving: false,
      waiting: false,
    };
    expect(ownerEvents(REF, 'prod', waiting, rollback)).toEqual([
      expect.objectContaining({
        kind: 'rolledBack',
        key: `rolledBack:${REF}:prod:codedeploy:d-1`,
      }),
    ]);
  });

  it('tells of a finish only when it saw the deployment move', () => {
    const done = {
      ...waiting,
      status: 'SUCCEEDED' as const,
      moving: false,
      waiting: false,
    };
    expect(ownerEvents(REF, 'prod', waiting, done).map(e => e.kind)).toEqual([
      'promotionFinished',
    ]);
    expect(ownerEvents(REF, 'prod', undefined, done)).toEqual([]);
  });
});

describe('nextLookIn', () => {
  const pace = { movingMs: 2_000, bakingMs: 60_000, waitingMs: 30_000 };
  const env = (s: Partial<EnvironmentSnapshot>): EnvironmentSnapshot => ({
    moving: false,
    waiting: false,
    ...s,
  });

  it('follows the busiest environment and stops when nothing moves or waits', () => {
    expect(
      nextLookIn(
        [
          env({ status: 'BAKING', moving: true }),
          env({ status: 'IN_PROGRESS', moving: true }),
        ],
        pace,
      ),
    ).toBe(2_000);
    expect(nextLookIn([env({ status: 'BAKING', moving: true })], pace)).toBe(
      60_000,
    );
    expect(
      nextLookIn(
        [env({ status: 'WAITING', moving: true, waiting: true })],
        pace,
      ),
    ).toBe(30_000);
    expect(nextLookIn([env({ status: 'SUCCEEDED' })], pace)).toBeUndefined();
  });
});
