import { Entity } from '@backstage/catalog-model';
import { entityOwnerRefs } from './entityOwners';

const component = (fields: Partial<Entity>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'shop' },
  spec: { owner: 'team-payments' },
  ...fields,
});

describe('entityOwnerRefs', () => {
  it('takes the ownedBy relations once the catalog has processed the entity', () => {
    expect(
      entityOwnerRefs(
        component({
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-a' },
            { type: 'partOf', targetRef: 'system:default/shop' },
            { type: 'ownedBy', targetRef: 'user:default/jane' },
          ],
        }),
      ),
    ).toEqual(['group:default/team-a', 'user:default/jane']);
  });

  it("reads spec.owner as a group in the entity's namespace otherwise", () => {
    expect(entityOwnerRefs(component({}))).toEqual([
      'group:shop/team-payments',
    ]);
    expect(
      entityOwnerRefs(component({ spec: { owner: 'user:default/jane' } })),
    ).toEqual(['user:default/jane']);
    expect(entityOwnerRefs(component({ spec: {} }))).toEqual([]);
  });
});
