import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_MEMBER_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ecsDeployServiceCreatePermission,
  entityOwnerRefs,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { assertEntityName, assertNamespace } from '../lib/names';

/**
 * Who creates which service: the entity every resource is tagged for, derived
 * from the template's values, never taken from an input.
 *
 * @public
 */
export interface ServiceOwnership {
  /** `component:<namespace>/<name>`, the value of the owner tag. */
  entityRef: string;
  /** The group that will own the component. */
  ownerRef: string;
  /** The user who runs the template. */
  actorRef: string;
  /** The caller and their groups, lower case: whose tagged resources they may adopt. */
  claims: string[];
}

/** What an action knows about who runs it. */
export interface InitiatorContext {
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}

/**
 * The gate in front of every ecs:* action. The caller must be a signed-in
 * user, allowed `ecs-deploy.service.create`, a member of the owner group they
 * chose, and, when the component already exists in the catalog, one of its
 * owners. Catalog lookups use the plugin's own credentials, so an entity the
 * caller cannot see still counts as existing.
 *
 * @public
 */
export class ServiceAuthorizer {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      auth: AuthService;
    },
  ) {}

  async authorize(
    ctx: InitiatorContext,
    input: { name: string; namespace?: string; owner: string },
  ): Promise<ServiceOwnership> {
    assertEntityName('name', input.name);
    const namespace = input.namespace ?? DEFAULT_NAMESPACE;
    assertNamespace('namespace', namespace);
    const ownerRef = parseOwner(input.owner);
    const entityRef = stringifyEntityRef({
      kind: 'component',
      namespace,
      name: input.name,
    });

    const credentials = await ctx.getInitiatorCredentials();
    const principal = credentials.principal as Partial<BackstageUserPrincipal>;
    if (principal.type !== 'user' || !principal.userEntityRef) {
      throw new NotAllowedError(
        'ECS services are created for a signed-in user: run the template as a user',
      );
    }
    const actorRef = principal.userEntityRef;
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: ecsDeployServiceCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${actorRef} is not allowed ${ecsDeployServiceCreatePermission.name}`,
      );
    }

    const own = await this.deps.auth.getOwnServiceCredentials();
    const [user, existing] = await Promise.all([
      this.deps.catalog.getEntityByRef(actorRef, { credentials: own }),
      this.deps.catalog.getEntityByRef(entityRef, { credentials: own }),
    ]);
    const claims = new Set(
      [actorRef, ...groupsOf(user)].map(ref => ref.toLowerCase()),
    );
    if (!claims.has(ownerRef)) {
      throw new NotAllowedError(
        `owner: ${actorRef} is not a member of ${ownerRef}; a service can only be created for a team you belong to`,
      );
    }
    if (existing) {
      const owners = entityOwnerRefs(existing);
      if (!owners.some(o => claims.has(o.toLowerCase()))) {
        throw new NotAllowedError(
          `name: ${entityRef} already exists in the catalog, owned by ${
            owners.join(', ') || 'nobody'
          }; only its owners can create infrastructure for it`,
        );
      }
    }
    return { entityRef, ownerRef, actorRef, claims: [...claims] };
  }
}

function parseOwner(owner: string): string {
  let ref;
  try {
    ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: DEFAULT_NAMESPACE,
    });
  } catch {
    throw new InputError(`owner: '${owner}' is not an entity ref`);
  }
  if (ref.kind.toLowerCase() !== 'group') {
    throw new InputError(
      `owner: '${owner}' is not a group; a service is owned by a team`,
    );
  }
  return stringifyEntityRef(ref);
}

function groupsOf(user: Entity | undefined): string[] {
  if (!user) return [];
  const related = (user.relations ?? [])
    .filter(r => r.type === RELATION_MEMBER_OF)
    .map(r => r.targetRef);
  const declared = ((user.spec?.memberOf as string[] | undefined) ?? []).map(
    ref =>
      stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: user.metadata.namespace ?? DEFAULT_NAMESPACE,
        }),
      ),
  );
  return [...new Set([...related, ...declared])];
}
