import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { entityOwnerRefs } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ActionLedger } from '../ledger/ActionLedger';
import { NotifiedEvents } from './NotifiedEvents';
import { OwnerEvent, OwnerEventKind } from './ownerEvents';

/** Which events are told, from `ecsDeploy.notifications`. */
export interface NotificationSettings {
  enabled: boolean;
  events: Record<OwnerEventKind, boolean>;
  /** Where the Deployments tab sits under the entity page. */
  deploymentsPath: string;
}

/** A promotion counts as the start of a deployment it precedes by at most this. */
const PROMOTION_WINDOW_MS = 6 * 3600_000;

const TITLES: Record<OwnerEventKind, (name: string, env: string) => string> = {
  waiting: (name, env) => `${name} waits for you in ${env}`,
  failed: (name, env) => `${name}: the deployment to ${env} failed`,
  rolledBack: (name, env) => `${name}: the deployment to ${env} rolled back`,
  promotionFinished: (name, env) =>
    `${name}: your promotion to ${env} finished`,
};

const DESCRIPTIONS: Record<OwnerEventKind, string> = {
  waiting:
    'A deployment or a pipeline approval waits for someone to continue, approve or roll back.',
  failed: 'Open the Deployments tab for the error and the stopped tasks.',
  rolledBack:
    'The previous version serves the traffic again. Open the Deployments tab for why.',
  promotionFinished: 'The deployment you started from the portal succeeded.',
};

/**
 * Tells an entity's owners what its deployments need from them, through the
 * notifications backend, once per event: the event is claimed in the
 * database first, so another replica or a restart does not tell it again.
 */
export class OwnerNotifier {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      notified: NotifiedEvents;
      ledger: ActionLedger;
      logger: LoggerService;
      settings: NotificationSettings;
    },
  ) {}

  async notify(entity: Entity, event: OwnerEvent): Promise<void> {
    const { settings, notified, notifications, logger } = this.deps;
    if (!settings.enabled || !settings.events[event.kind]) return;
    const entityRef = stringifyEntityRef(entity);
    const recipients = await this.recipients(entity, entityRef, event);
    if (!recipients.length) return;
    if (!(await notified.claim(event.key, entityRef, event.kind))) return;
    const name = entity.metadata.title ?? entity.metadata.name;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: TITLES[event.kind](name, event.environment),
          description: DESCRIPTIONS[event.kind],
          link: this.link(entity, event),
          severity: event.severity,
          topic: `ecs-deploy:${event.kind}`,
          scope: event.key,
        },
      });
    } catch (error) {
      await notified.release(event.key);
      logger.warn(
        `Could not notify the owners of ${entityRef} (${event.kind} in ${event.environment})`,
        error as Error,
      );
    }
  }

  /** The owners; for a finished promotion, the person who started it. */
  private async recipients(
    entity: Entity,
    entityRef: string,
    event: OwnerEvent,
  ): Promise<string[]> {
    if (event.kind !== 'promotionFinished') return entityOwnerRefs(entity);
    const since = Date.now() - PROMOTION_WINDOW_MS;
    const [promotion] = (
      await this.deps.ledger.list(entityRef, {
        limit: 5,
        environment: event.environment,
      })
    ).filter(
      e =>
        e.action === 'promote' &&
        e.status === 'succeeded' &&
        Date.parse(e.createdAt) >= since,
    );
    return promotion ? [promotion.actor] : [];
  }

  /** The Deployments tab, opened on the deployment's detail when there is one. */
  private link(entity: Entity, event: OwnerEvent): string {
    const { kind, metadata } = entity;
    const path = [metadata.namespace ?? 'default', kind, metadata.name]
      .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
      .join('/');
    const query = new URLSearchParams({
      ...(event.deploymentId ? { deployment: event.deploymentId } : {}),
      environment: event.environment,
    });
    return `/catalog/${path}${this.deps.settings.deploymentsPath}?${query}`;
  }
}
