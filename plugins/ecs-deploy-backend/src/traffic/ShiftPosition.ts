import { TrafficShift } from '@ecs-deploy/plugin-ecs-deploy-common';

/** Where a shift stands, before the offers of its deployment are added. */
export type ShiftPosition = Omit<TrafficShift, 'offers'>;
