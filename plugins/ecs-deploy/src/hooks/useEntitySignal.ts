import { useEffect, useRef, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  EcsDeploySignal,
  ecsDeploySignalChannel,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { isPageHidden, onPageVisibilityChange } from '../utils/pageVisibility';

function isEcsDeploySignal(message: unknown): message is EcsDeploySignal {
  const signal = message as Partial<EcsDeploySignal> | null;
  return (
    typeof signal?.environment === 'string' &&
    typeof signal.entityRef === 'string'
  );
}

/**
 * The current entity's ECS Deploy signals, and whether the app has the
 * signals plugin at all (without it, the views poll instead).
 *
 * `onSignals` hears every signal, one call each: `useSignal` of
 * `@backstage/plugin-signals-react` keeps only the last one in state, so two
 * signals arriving before a render (two environments changing together)
 * would refresh one. While the page is hidden nothing is read: the latest
 * signal of each environment waits, and `onSignals` hears them together once
 * the page shows again.
 */
export function useEntitySignal(
  onSignals?: (signals: EcsDeploySignal[]) => void,
): { lastSignal: EcsDeploySignal | null; isSignalsAvailable: boolean } {
  const { entity } = useEntity();
  const channel = ecsDeploySignalChannel(stringifyEntityRef(entity));
  const signalApi = useApiHolder().get(signalApiRef);
  const [lastSignal, setLastSignal] = useState<EcsDeploySignal | null>(null);
  const onSignalsRef = useRef(onSignals);
  onSignalsRef.current = onSignals;

  useEffect(() => {
    if (!signalApi) {
      return undefined;
    }
    const waiting = new Map<string, EcsDeploySignal>();
    const { unsubscribe } = signalApi.subscribe(channel, message => {
      if (!isEcsDeploySignal(message)) {
        return;
      }
      setLastSignal(message);
      if (isPageHidden()) {
        waiting.set(message.environment, message);
      } else {
        onSignalsRef.current?.([message]);
      }
    });
    const stopListening = onPageVisibilityChange(() => {
      if (isPageHidden() || waiting.size === 0) {
        return;
      }
      const signals = [...waiting.values()];
      waiting.clear();
      onSignalsRef.current?.(signals);
    });
    return () => {
      unsubscribe();
      stopListening();
    };
  }, [signalApi, channel]);

  return { lastSignal, isSignalsAvailable: Boolean(signalApi) };
}
