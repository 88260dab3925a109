import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { EcsDeployApi, ecsDeployApiRef } from '../api';
import { FakeSignalApi } from './fakeSignals';

/** The demo entity the component tests render for. */
export const testEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'ecs-deploy.io/environments': 'dev,staging,prod',
      'ecs-deploy.io/service-arn.dev':
        'arn:aws:ecs:eu-west-1:111111111111:service/storefront-dev/payments-api',
    },
  },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};

type TestApis = NonNullable<
  NonNullable<Parameters<typeof renderInTestApp>[1]>['apis']
>[number][];

let renders = 0;

/**
 * usePermission caches each decision (SWR, keyed by permission and resource
 * ref) for the whole test file; a namespace of its own per render keeps one
 * test's allow from answering the next test's deny.
 */
function isolated(entity: Entity): Entity {
  renders += 1;
  return {
    ...entity,
    metadata: { ...entity.metadata, namespace: `test-${renders}` },
  };
}

/**
 * Renders a component on the test entity's page with the ECS Deploy API
 * faked at the client boundary and a permission policy that allows, denies,
 * or decides per request.
 */
export function renderWithEntity(
  element: JSX.Element,
  options: {
    api?: Partial<EcsDeployApi>;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    entity?: Entity;
    initialRouteEntries?: string[];
    /** The app's alerts, to read what a control posted (`mockApis.alert()`). */
    alerts?: ReturnType<typeof mockApis.alert>;
    /** The app's signals; without them the app has no signals plugin. */
    signals?: FakeSignalApi;
    mountedRoutes?: Parameters<typeof renderInTestApp>[1] extends infer O
      ? O extends { mountedRoutes?: infer M }
        ? M
        : never
      : never;
  } = {},
) {
  const apis: TestApis = [
    mockApis.permission({
      authorize: options.authorize ?? AuthorizeResult.ALLOW,
    }),
    [ecsDeployApiRef, (options.api ?? {}) as EcsDeployApi],
  ];
  if (options.alerts) {
    apis.push(options.alerts);
  }
  if (options.signals) {
    apis.push([signalApiRef, options.signals]);
  }
  return renderInTestApp(
    <EntityProvider entity={isolated(options.entity ?? testEntity)}>
      {element}
    </EntityProvider>,
    {
      initialRouteEntries: options.initialRouteEntries,
      mountedRoutes: options.mountedRoutes,
      apis,
    },
  );
}
