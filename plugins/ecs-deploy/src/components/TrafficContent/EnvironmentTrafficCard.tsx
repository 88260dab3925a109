import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  EnvironmentTraffic,
  isResourceNotFound,
  TrafficShift,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { SplitBar, SplitBarSegment } from '../charts';
import { deploymentKindText, formatTime } from '../../utils/format';
import { Countdown } from './Countdown';
import { ShiftControls } from './ShiftControls';
import { TaskSetsTable } from './TaskSetsTable';
import { listenerKey, SplitChanges } from './splitChanges';
import { unreadableMessage } from '../../utils/errors';

const PHASE_TEXT: Record<TrafficShift['phase'], string> = {
  PROVISIONING: 'Starting the replacement tasks',
  WAITING: 'Waiting for someone to continue',
  SHIFTING: 'Shifting traffic',
  BAKING: 'Baking: the original task set is kept for a quick rollback',
  DONE: 'Done',
};

function segmentColor(label: string | undefined): SplitBarSegment['color'] {
  if (label === 'BLUE' || label === 'PRIMARY') return 'blue';
  if (label === 'GREEN' || label === 'ACTIVE') return 'green';
  return 'other';
}

const ShiftProgress = ({
  env,
  receivedAt,
  onChanged,
}: {
  env: EnvironmentTraffic;
  receivedAt: number;
  onChanged: () => void;
}) => {
  const observed = { at: env.observedAt, receivedAt };
  const shift = env.shift;
  if (!shift) {
    return (
      <Typography variant="body2" color="textSecondary">
        No deployment is shifting traffic.
      </Typography>
    );
  }
  return (
    <Box mb={2}>
      <Typography variant="subtitle2">
        {PHASE_TEXT[shift.phase]}
        {shift.step !== undefined &&
          shift.totalSteps !== undefined &&
          ` · step ${shift.step} of ${shift.totalSteps}`}
        {` · ${shift.shiftedPercent}% on the replacement`}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={shift.shiftedPercent}
        aria-label={`${env.environment}: ${shift.shiftedPercent}% of production traffic on the replacement`}
      />
      {shift.nextStepAt && shift.phase !== 'DONE' && (
        <Typography variant="body2">
          Next step <Countdown until={shift.nextStepAt} observed={observed} />
        </Typography>
      )}
      {shift.bakeTimeEndsAt && shift.phase !== 'DONE' && (
        <Typography variant="body2">
          Bake time ends{' '}
          <Countdown until={shift.bakeTimeEndsAt} observed={observed} />
        </Typography>
      )}
      {shift.phase !== 'DONE' && (
        <Box mt={1}>
          <ShiftControls
            environment={env.environment}
            shift={shift}
            onChanged={onChanged}
          />
        </Box>
      )}
    </Box>
  );
};

/**
 * One environment's traffic: the shift in progress with its countdown and
 * controls, each listener as a split bar, and the task sets.
 */
export const EnvironmentTrafficCard = ({
  env,
  changes,
  receivedAt,
  onChanged,
}: {
  env: EnvironmentTraffic;
  changes: SplitChanges;
  /** Local time the snapshot arrived, to count down on the server's clock. */
  receivedAt: number;
  onChanged: () => void;
}) =>
  env.error ? (
    <InfoCard
      title={env.environment}
      subheader={isResourceNotFound(env.error) ? 'Not found' : 'Not readable'}
    >
      <Typography variant="body2" role="alert">
        {unreadableMessage(env.environment, env.error)}
      </Typography>
    </InfoCard>
  ) : (
    <InfoCard
      title={env.environment}
      subheader={[
        deploymentKindText(env, { configName: true }),
        `observed ${formatTime(env.observedAt)}`,
      ]
        .filter(Boolean)
        .join(' · ')}
    >
      {env.loadBalanced === false && (
        <Typography variant="body2" role="status">
          This service takes no load-balanced traffic: it has no load balancer.
        </Typography>
      )}
      {/* A worker's rolling deployment still shows, with its controls. */}
      {(env.loadBalanced !== false || env.shift) && (
        <ShiftProgress
          env={env}
          receivedAt={receivedAt}
          onChanged={onChanged}
        />
      )}
      {env.loadBalanced !== false && env.listeners.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No load balancer listener routes to this service.
        </Typography>
      )}
      {env.listeners.map(listener => {
        const changedAt = changes[listenerKey(env.environment, listener.port)];
        const name = `${
          listener.role === 'production' ? 'Production' : 'Test'
        } listener :${listener.port}`;
        return (
          <Box key={listener.port} mb={2}>
            <Typography variant="subtitle2" component="h3">
              {name}
              {listener.loadBalancerName && (
                <Typography
                  component="span"
                  variant="caption"
                  color="textSecondary"
                >
                  {' '}
                  {listener.loadBalancerName}
                </Typography>
              )}
            </Typography>
            <SplitBar
              ariaLabel={name}
              segments={listener.targetGroups.map(tg => ({
                label: tg.label
                  ? `${tg.name} (${tg.label.toLowerCase()})`
                  : tg.name,
                color: segmentColor(tg.label),
                weight: tg.percent,
              }))}
            />
            {changedAt && (
              <Typography variant="caption" color="primary" role="status">
                Split changed at {formatTime(changedAt)}
              </Typography>
            )}
          </Box>
        );
      })}
      {env.taskSets.length > 0 && (
        <TaskSetsTable title="Task sets" taskSets={env.taskSets} />
      )}
    </InfoCard>
  );
