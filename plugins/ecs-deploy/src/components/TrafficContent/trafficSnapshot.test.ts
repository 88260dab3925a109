import { trafficResponse } from '../../__fixtures__/data';
import { applyTrafficRead, emptyTrafficSnapshot } from './trafficSnapshot';

const [prod] = trafficResponse(10, 'SHIFTING').environments;
const staging = {
  ...trafficResponse(0).environments[0],
  environment: 'staging',
};
const dev = { ...staging, environment: 'dev' };

describe('applyTrafficRead', () => {
  const first = applyTrafficRead(emptyTrafficSnapshot, {
    response: { environments: [staging, prod] },
    number: 1,
    receivedAt: 1000,
  });

  it('takes a read of all environments whole, in its order', () => {
    expect(first.response?.environments.map(e => e.environment)).toEqual([
      'staging',
      'prod',
    ]);
    expect(first.receivedAt).toEqual({ staging: 1000, prod: 1000 });
  });

  it("replaces one environment's entry in place and notes when its split changed", () => {
    const [moved] = trafficResponse(50, 'SHIFTING').environments;
    const next = applyTrafficRead(first, {
      response: { environments: [moved] },
      number: 2,
      environment: 'prod',
      receivedAt: 2000,
    });
    expect(next.response?.environments).toEqual([staging, moved]);
    expect(next.receivedAt).toEqual({ staging: 1000, prod: 2000 });
    expect(next.changes).toEqual({ 'prod/80': moved.observedAt });
  });

  it('adds an environment it did not show yet at the end', () => {
    const next = applyTrafficRead(first, {
      response: { environments: [dev] },
      number: 2,
      environment: 'dev',
      receivedAt: 2000,
    });
    expect(next.response?.environments.map(e => e.environment)).toEqual([
      'staging',
      'prod',
      'dev',
    ]);
  });

  it('keeps an entry a later read gave over an earlier read that answered late', () => {
    const [moved] = trafficResponse(50, 'SHIFTING').environments;
    const later = applyTrafficRead(first, {
      response: { environments: [moved] },
      number: 3,
      environment: 'prod',
      receivedAt: 3000,
    });
    const late = applyTrafficRead(later, {
      response: { environments: [staging, prod] },
      number: 2,
      receivedAt: 4000,
    });
    expect(late.response?.environments).toEqual([staging, moved]);
    expect(late.receivedAt.prod).toBe(3000);
  });
});
