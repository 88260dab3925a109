import type { SeedContext } from '../core/types';
import { createBlueGreenAlb, type BlueGreenAlb } from '../testing/blueGreenAlb';
import type { FleetService } from './catalog';
import { callerAt, type Placement } from './infrastructure';
import { albName, entityTags, targetGroupName } from './names';

/** The service's ALB in an environment, with its blue and green target groups. @public */
export function createLoadBalancing(
  ctx: SeedContext,
  service: FleetService,
  at: Placement,
): Promise<BlueGreenAlb> {
  return createBlueGreenAlb(callerAt(ctx, at), {
    name: albName(service.name, at.env),
    targetGroupNames: {
      blue: targetGroupName(service.name, at.env, 'blue'),
      green: targetGroupName(service.name, at.env, 'green'),
    },
    containerPort: service.containerPort,
    tags: entityTags(service, at.env),
    standbyGreen: true,
  });
}
