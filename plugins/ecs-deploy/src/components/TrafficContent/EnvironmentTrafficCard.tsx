import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Flex, Text } from '@backstage/ui';
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
import { ecsDeployTranslationRef } from '../../translation';
import { SectionCard } from '../shared/SectionCard';
import { ProgressBar } from '../shared/ProgressBar';

const PHASE_TEXT: Record<TrafficShift['phase'], string> = {
  // Also a deployment AWS has not started yet (it lists no targets).
  PROVISIONING: 'Starting: traffic has not moved yet',
  WAITING: 'Waiting for someone to continue',
  SHIFTING: 'Shifting traffic',
  BAKING: 'Baking: the original task set is kept for a quick rollback',
  DONE: 'Done',
};

// An EXTERNAL service's release is moved by the portal, step by step: it
// waits for the person running it, not for AWS or a hook.
const RELEASE_PHASE_TEXT: Partial<Record<TrafficShift['phase'], string>> = {
  PROVISIONING: 'Starting the new task set',
  WAITING: 'Release ready: the test listener routes to the new task set',
  SHIFTING: 'Release shifting production traffic',
};

function phaseText(env: EnvironmentTraffic, phase: TrafficShift['phase']) {
  return (
    (env.controller === 'EXTERNAL' ? RELEASE_PHASE_TEXT[phase] : undefined) ??
    PHASE_TEXT[phase]
  );
}

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
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const observed = { at: env.observedAt, receivedAt };
  const shift = env.shift;
  if (!shift) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        {t('traffic.noShift')}
      </Text>
    );
  }
  return (
    <Box mb="4">
      <Text as="p" variant="body-medium" weight="bold">
        {phaseText(env, shift.phase)}
        {shift.step !== undefined &&
          shift.totalSteps !== undefined &&
          ` · step ${shift.step} of ${shift.totalSteps}`}
        {` · ${shift.shiftedPercent}% on the replacement`}
      </Text>
      <ProgressBar
        percent={shift.shiftedPercent}
        label={`${env.environment}: ${shift.shiftedPercent}% of production traffic on the replacement`}
      />
      {shift.nextStepAt && shift.phase !== 'DONE' && (
        <Text as="p" variant="body-medium">
          Next step <Countdown until={shift.nextStepAt} observed={observed} />
        </Text>
      )}
      {shift.bakeTimeEndsAt && shift.phase !== 'DONE' && (
        <Text as="p" variant="body-medium">
          Bake time ends{' '}
          <Countdown until={shift.bakeTimeEndsAt} observed={observed} />
        </Text>
      )}
      {shift.phase !== 'DONE' && (
        <Box mt="2">
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
}) => {
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  if (env.error) {
    return (
      <SectionCard
        title={env.environment}
        subheader={isResourceNotFound(env.error) ? 'Not found' : 'Not readable'}
      >
        <Text as="p" variant="body-medium" role="alert">
          {unreadableMessage(env.environment, env.error)}
        </Text>
      </SectionCard>
    );
  }
  return (
    <SectionCard
      title={env.environment}
      subheader={[
        deploymentKindText(env, { configName: true }),
        `observed ${formatTime(env.observedAt)}`,
      ]
        .filter(Boolean)
        .join(' · ')}
    >
      {env.loadBalanced === false && (
        <Text as="p" variant="body-medium" role="status">
          This service takes no load-balanced traffic: it has no load balancer.
        </Text>
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
        <Text as="p" variant="body-medium" color="secondary">
          No load balancer listener routes to this service.
        </Text>
      )}
      {env.listeners.map(listener => {
        const changedAt = changes[listenerKey(env.environment, listener.port)];
        const name = `${
          listener.role === 'production' ? 'Production' : 'Test'
        } listener :${listener.port}`;
        return (
          <Flex key={listener.port} direction="column" gap="1" mb="4">
            <Text as="h3" variant="body-medium" weight="bold">
              {name}
              {listener.loadBalancerName && (
                <Text as="span" variant="body-small" color="secondary">
                  {' '}
                  {listener.loadBalancerName}
                </Text>
              )}
            </Text>
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
              <Text as="p" variant="body-small" color="info" role="status">
                Split changed at {formatTime(changedAt)}
              </Text>
            )}
          </Flex>
        );
      })}
      {env.taskSets.length > 0 && (
        <TaskSetsTable title={t('traffic.taskSets')} taskSets={env.taskSets} />
      )}
    </SectionCard>
  );
};
