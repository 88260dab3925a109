import { AwsClock, nextLookIn, WatchPace } from './pace';
import { EnvironmentSnapshot } from './snapshot';

const pace: WatchPace = { movingMs: 2000, bakingMs: 60_000, waitingMs: 30_000 };
const AWS_NOW = Date.parse('2031-05-01T10:00:00Z');
/** AWS's clock running 10 times faster than ours. */
const tenTimes: AwsClock = {
  msUntil: iso => (Date.parse(iso) - AWS_NOW) / 10,
};
const at = (awsMs: number) => new Date(AWS_NOW + awsMs).toISOString();
const shifting = (
  nextStepInAwsMs: number,
  stepMinutes = 1,
): EnvironmentSnapshot => ({
  status: 'IN_PROGRESS',
  moving: true,
  waiting: false,
  nextStepAt: at(nextStepInAwsMs),
  stepMinutes,
});

describe('nextLookIn', () => {
  it('looks a second after the next traffic step, at AWS pace', () => {
    expect(nextLookIn([shifting(40_000)], pace, tenTimes)).toBe(5000);
  });

  it('looks at the moving pace without a step, or before the pace of AWS is known', () => {
    const provisioning = {
      status: 'IN_PROGRESS',
      moving: true,
      waiting: false,
    } as const;
    expect(nextLookIn([provisioning], pace, tenTimes)).toBe(2000);
    expect(nextLookIn([shifting(40_000)], pace)).toBe(2000);
    expect(
      nextLookIn([shifting(40_000)], pace, { msUntil: () => undefined }),
    ).toBe(2000);
  });

  it('waits no less than the moving pace, no longer than the waiting pace', () => {
    expect(nextLookIn([shifting(-5_000)], pace, tenTimes)).toBe(2000);
    expect(nextLookIn([shifting(10 * 60_000)], pace, tenTimes)).toBe(30_000);
  });

  it('looks as soon as the busiest environment needs', () => {
    const baking = { status: 'BAKING', moving: true, waiting: false } as const;
    expect(
      nextLookIn([baking, shifting(40_000), shifting(20_000)], pace, tenTimes),
    ).toBe(3000);
  });

  it('counts to the following step when asked before a look that finds a due step taken', () => {
    // Due 1 s ago (AWS), a step a minute: the following one is 59 AWS s away.
    expect(
      nextLookIn([shifting(-1000)], pace, tenTimes, { stepDueTaken: true }),
    ).toBe(6900);
    expect(
      nextLookIn([shifting(40_000)], pace, tenTimes, { stepDueTaken: true }),
    ).toBe(5000);
  });
});
