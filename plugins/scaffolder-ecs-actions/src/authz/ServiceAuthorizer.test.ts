import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CHECKOUT,
  JANE,
  MALLORY,
  ORG,
  PAYMENTS,
  fixedPermissions,
} from '../__testUtils__/harness';
import { ServiceAuthorizer } from './ServiceAuthorizer';

describe('ServiceAuthorizer', () => {
  const as = (ref: string) => ({
    getInitiatorCredentials: async () => mockCredentials.user(ref),
  });
  const authorizer = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (ref: string) =>
        ORG.find(
          e =>
            `${e.kind}:default/${e.metadata.name}`.toLowerCase() ===
            String(ref).toLowerCase(),
        ),
      ) as any,
    });
    const permissions = fixedPermissions(result);
    return {
      catalog,
      permissions,
      subject: new ServiceAuthorizer({
        catalog,
        permissions,
        auth: mockServices.auth(),
      }),
    };
  };

  it('derives the entity from the name and the caller, for a team the caller is in', async () => {
    const { subject } = authorizer();
    await expect(
      subject.authorize(as(JANE), { name: 'cart-api', owner: PAYMENTS }),
    ).resolves.toEqual({
      entityRef: 'component:default/cart-api',
      ownerRef: PAYMENTS,
      actorRef: JANE,
      claims: [JANE, PAYMENTS],
    });
    await expect(
      subject.authorize(as(JANE), {
        name: 'cart-api',
        namespace: 'shop',
        owner: 'team-payments',
      }),
    ).resolves.toMatchObject({ entityRef: 'component:shop/cart-api' });
  });

  it('refuses an owner team the caller is not a member of', async () => {
    const { subject } = authorizer();
    await expect(
      subject.authorize(as(JANE), { name: 'cart-api', owner: CHECKOUT }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^owner: user:default\/jane is not a member of group:default\/team-checkout/,
      ),
    });
  });

  it("refuses another team's existing component, and lets its owners through", async () => {
    const { subject } = authorizer();
    await expect(
      subject.authorize(as(JANE), { name: 'checkout-web', owner: PAYMENTS }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^name: component:default\/checkout-web already exists in the catalog, owned by group:default\/team-checkout/,
      ),
    });
    await expect(
      subject.authorize(as(MALLORY), { name: 'checkout-web', owner: CHECKOUT }),
    ).resolves.toMatchObject({ entityRef: 'component:default/checkout-web' });
  });

  it('looks entities up with its own credentials, so one hidden from the caller still counts', async () => {
    const { subject, catalog } = authorizer();
    await subject
      .authorize(as(JANE), { name: 'checkout-web', owner: PAYMENTS })
      .catch(() => undefined);
    for (const [, options] of (catalog.getEntityByRef as jest.Mock).mock
      .calls) {
      expect(options.credentials.principal.type).toBe('service');
    }
  });

  it('refuses callers without the create permission, and non-users', async () => {
    const denied = authorizer(AuthorizeResult.DENY);
    await expect(
      denied.subject.authorize(as(JANE), { name: 'cart-api', owner: PAYMENTS }),
    ).rejects.toThrow(/not allowed ecs-deploy.service.create/);
    const { subject } = authorizer();
    await expect(
      subject.authorize(
        { getInitiatorCredentials: async () => mockCredentials.service() },
        { name: 'cart-api', owner: PAYMENTS },
      ),
    ).rejects.toThrow(/created for a signed-in user/);
  });

  it('refuses names, namespaces and owners that are not what they claim', async () => {
    const { subject, permissions } = authorizer();
    for (const [input, message] of [
      [
        { name: '../etc', owner: PAYMENTS },
        /^name '..\/etc' is not a valid name/,
      ],
      [{ name: 'Cart', owner: PAYMENTS }, /^name 'Cart'/],
      [{ name: 'cart', namespace: '..', owner: PAYMENTS }, /^namespace '..'/],
      [
        { name: 'cart', owner: JANE },
        /^owner: 'user:default\/jane' is not a group/,
      ],
      [
        { name: 'cart', owner: 'group:' },
        /^owner: 'group:' is not an entity ref/,
      ],
    ] as const) {
      await expect(subject.authorize(as(JANE), input)).rejects.toThrow(message);
    }
    expect(permissions.authorize).not.toHaveBeenCalled();
  });
});
