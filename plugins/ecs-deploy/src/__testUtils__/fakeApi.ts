import { computeDeliveryMetrics } from '@ecs-deploy/plugin-ecs-deploy-common';
import { EcsDeployApi } from '../api';

/** A fake of every API method, each a jest mock that fails unless set up. */
export function fakeApi(
  overrides: Partial<Record<keyof EcsDeployApi, jest.Mock>> = {},
): { [K in keyof EcsDeployApi]: jest.Mock } {
  const unexpected = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`unexpected call to ${name}`)));
  return {
    getEnvironments: unexpected('getEnvironments'),
    getHistory: jest.fn().mockResolvedValue({ items: [] }),
    getDeployment: unexpected('getDeployment'),
    getTraffic: unexpected('getTraffic'),
    getStoppedTasks: jest
      .fn()
      .mockResolvedValue({ environment: 'prod', items: [] }),
    getRunningTasks: jest.fn().mockResolvedValue({ environments: [] }),
    getLedger: jest.fn().mockResolvedValue({ items: [] }),
    getPromotionPreview: unexpected('getPromotionPreview'),
    performAction: unexpected('performAction'),
    getMetrics: jest.fn(async (entity, query = {}) => {
      const now = Date.now();
      const windowDays = query.windowDays ?? 30;
      return {
        entityRef: `component:default/${entity.name}`,
        windowDays,
        asOf: new Date(now).toISOString(),
        metrics: computeDeliveryMetrics([], { now, windowDays }),
      };
    }),
    ...overrides,
  };
}

/** A `ResponseError`-shaped rejection as the client throws it. */
export async function responseError(
  status: number,
  message: string,
  code?: string,
) {
  const { ResponseError } = await import('@backstage/errors');
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message, ...(code ? { code } : {}) },
        request: { method: 'GET', url: '/api/ecs-deploy' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Error',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
