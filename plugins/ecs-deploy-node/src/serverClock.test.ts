import { ServerClock } from './serverClock';

describe('ServerClock', () => {
  let local: number;
  const clock = () => new ServerClock(() => local);
  const header = (ms: number) => new Date(ms).toUTCString();
  const AWS_START = Date.parse('2031-05-01T10:00:00Z');

  beforeEach(() => {
    local = Date.parse('2026-12-03T12:00:00Z');
  });

  it("tells now on AWS's clock, even when it is hours apart from ours", () => {
    const c = clock();
    expect(c.now().getTime()).toBe(local);
    c.observe(header(AWS_START));
    local += 1500;
    expect(c.now().toISOString()).toBe('2031-05-01T10:00:01.500Z');
  });

  it("waits AWS's pace: 60 s of a clock running 10x faster take 6 s", () => {
    const c = clock();
    c.observe(header(AWS_START));
    const inAMinute = () => new Date(AWS_START + 70_000).toISOString();
    local += 400;
    c.observe(header(AWS_START + 4_000));
    // 3 to 5 s in 0.4 s: 7.5x to 12.5x, not yet known within a quarter.
    expect(c.msUntil(inAMinute())).toBe(undefined);
    local += 600;
    c.observe(header(AWS_START + 10_000));
    expect(c.msUntil(inAMinute())).toBeCloseTo(6_000, -1);
  });

  it("knows AWS's own pace within 4 s, before a longer wait", () => {
    const c = clock();
    c.observe(header(AWS_START));
    local += 1_200;
    c.observe(header(AWS_START + 1_000));
    // 0 to 2 s in 1.2 s could still be a clock standing still.
    expect(c.msUntil(new Date(AWS_START + 61_000).toISOString())).toBe(
      undefined,
    );
    local += 1_300;
    c.observe(header(AWS_START + 2_000));
    // 1 to 3 s in 2.5 s: a clock at 0.4x is not ruled out yet.
    expect(c.msUntil(new Date(AWS_START + 62_000).toISOString())).toBe(
      undefined,
    );
    local += 500;
    c.observe(header(AWS_START + 3_000));
    expect(c.msUntil(new Date(AWS_START + 63_000).toISOString())).toBe(60_000);
  });

  it("takes AWS's pace for ours despite the header's whole seconds", () => {
    const c = clock();
    c.observe(header(AWS_START));
    local += 5_900;
    // The header says 5 s, though 5.9 s went by here.
    c.observe(header(AWS_START + 5_000));
    expect(c.msUntil(new Date(AWS_START + 65_000).toISOString())).toBe(60_000);
  });

  it('has no wait to tell when the clock stands still', () => {
    const c = clock();
    c.observe(header(AWS_START));
    local += 20_000;
    c.observe(header(AWS_START));
    expect(c.msUntil(new Date(AWS_START + 1).toISOString())).toBe(undefined);
  });

  it('measures the pace again from recent readings', () => {
    const c = clock();
    c.observe(header(AWS_START));
    local += 60_000;
    c.observe(header(AWS_START + 600_000)); // 10x
    local += 30_000;
    c.observe(header(AWS_START + 630_000)); // then 1x: 30 s in 30 s
    expect(c.msUntil(new Date(AWS_START + 660_000).toISOString())).toBe(30_000);
  });
});
