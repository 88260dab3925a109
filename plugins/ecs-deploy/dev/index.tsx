import { createDevApp } from '@backstage/frontend-dev-utils';

import plugin from '../src/alpha';

// frontend-dev-utils 0.1.6, the newest published, is still typed against
// frontend-plugin-api 0.18, whose plugin type has the `id` that 1.0 dropped
// from its types (1.0 keeps it at runtime).
type DevFeature = Parameters<typeof createDevApp>[0]['features'] extends
  | Array<infer F>
  | undefined
  ? F
  : never;

createDevApp({ features: [plugin as unknown as DevFeature] });
