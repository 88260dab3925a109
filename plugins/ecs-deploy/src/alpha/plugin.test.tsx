import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  ecsDeployEntityCard,
  ecsDeploymentsEntityContent,
  ecsTrafficEntityContent,
} from './extensions';

const annotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'ecs-deploy.io/discovery': 'tags' },
  },
};
const plain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'docs-site' },
};

describe('new frontend system extensions', () => {
  it('mounts the Deployments tab only on entities with ECS annotations', () => {
    const tester = createExtensionTester(ecsDeploymentsEntityContent, {
      apis: [mockApis.translation()],
    });
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(annotated)).toBe(true);
    expect(filter(plain)).toBe(false);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Deployments',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/deployments');
  });

  it('mounts the Traffic tab only on entities with ECS annotations', () => {
    const tester = createExtensionTester(ecsTrafficEntityContent, {
      apis: [mockApis.translation()],
    });
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(annotated)).toBe(true);
    expect(filter(plain)).toBe(false);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Traffic');
    expect(tester.get(coreExtensionData.routePath)).toBe('/traffic');
  });

  it('shows the overview card only on entities with ECS annotations', () => {
    const tester = createExtensionTester(ecsDeployEntityCard);
    expect(
      tester.get(EntityCardBlueprint.dataRefs.filterFunction)!(annotated),
    ).toBe(true);
    expect(
      tester.get(EntityCardBlueprint.dataRefs.filterFunction)!(plain),
    ).toBe(false);
  });
});
