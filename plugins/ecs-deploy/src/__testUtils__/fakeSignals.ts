import { act } from 'react';
import { SignalApi } from '@backstage/plugin-signals-react';
import { EcsDeploySignal } from '@ecs-deploy/plugin-ecs-deploy-common';

/** A signal's message as the API hands it on (a JSON object). */
type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/**
 * The app's signal API as a test drives it: `publish` delivers a message to
 * the channel's subscribers, as the signals backend does over its socket.
 */
export class FakeSignalApi implements SignalApi {
  private readonly subscribers = new Map<
    string,
    Set<(message: JsonObject) => void>
  >();

  subscribe<TMessage extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: TMessage) => void,
  ) {
    const listeners = this.subscribers.get(channel) ?? new Set();
    const listener = onMessage as (message: JsonObject) => void;
    listeners.add(listener);
    this.subscribers.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(listener) };
  }

  /** The channels someone listens on now. */
  channels(): string[] {
    return [...this.subscribers.entries()]
      .filter(([, listeners]) => listeners.size > 0)
      .map(([channel]) => channel);
  }

  publish(channel: string, message: EcsDeploySignal) {
    act(() => {
      for (const listener of this.subscribers.get(channel) ?? []) {
        listener(message as unknown as JsonObject);
      }
    });
  }

  /** Delivers on every channel someone listens on (a test renders one entity). */
  broadcast(message: EcsDeploySignal) {
    for (const channel of this.channels()) {
      this.publish(channel, message);
    }
  }
}

/** A signal about one environment of the test entity. */
export function ecsDeploySignal(
  environment: string,
  fields: Partial<EcsDeploySignal> = {},
): EcsDeploySignal {
  return {
    entityRef: 'component:default/payments-api',
    environment,
    waiting: false,
    seenAt: '2025-01-01T10:00:00.000Z',
    ...fields,
  };
}
