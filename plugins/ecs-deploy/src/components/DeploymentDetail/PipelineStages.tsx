import { Link } from '@backstage/core-components';
import { Box, Text } from '@backstage/ui';
import {
  ActionOffer,
  DeploymentDetail,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { OfferButton } from '../actions/OfferButton';
import { formatTime } from '../../utils/format';
import { SectionCard } from '../shared/SectionCard';
import { detailSearch } from './detailSearch';
import styles from './PipelineStages.module.css';

/**
 * A pipeline execution stage by stage: each action with its status, times,
 * summary and errors, the deployment it started, and beside a stage the
 * retry the backend offers for it.
 */
export const PipelineStages = ({
  environment,
  pipeline,
  offers,
  onChanged,
}: {
  environment: string;
  pipeline: NonNullable<DeploymentDetail['pipeline']>;
  /** Offers read with the execution or its environment; the retries of this execution's stages are shown. */
  offers: readonly ActionOffer[];
  onChanged: () => void;
}) => {
  const retryOf = (stageName: string) =>
    offers.find(
      o =>
        o.action === 'retry-stage' &&
        o.request?.pipelineExecutionId === pipeline.executionId &&
        o.request.stageName === stageName,
    );
  return (
    <SectionCard title={`Pipeline ${pipeline.name}`} headingLevel="h3">
      <ol className={styles.stages} aria-label="Pipeline stages">
        {pipeline.stages.map(stage => {
          const retry = retryOf(stage.name);
          return (
            <li key={stage.name} className={styles.stage}>
              <Text as="h4" variant="body-medium" weight="bold">
                {stage.name}
              </Text>
              <DeploymentStatusLabel status={stage.status} />
              <ul className={styles.actions}>
                {stage.actions.map(action => (
                  <li key={action.name}>
                    <Text as="div" variant="body-medium">
                      {action.name}
                      {action.provider && (
                        <Text as="span" variant="body-small" color="secondary">
                          {' '}
                          ({action.category ? `${action.category}, ` : ''}
                          {action.provider})
                        </Text>
                      )}
                    </Text>
                    <DeploymentStatusLabel status={action.status} />
                    <Text as="div" variant="body-small" color="secondary">
                      {formatTime(action.startedAt)}
                      {action.endedAt ? ` → ${formatTime(action.endedAt)}` : ''}
                    </Text>
                    {action.summary && (
                      <Text as="div" variant="body-small">
                        {action.summary}
                      </Text>
                    )}
                    {action.errorMessage && (
                      <Text as="div" variant="body-small" color="danger">
                        {action.errorMessage}
                      </Text>
                    )}
                    {action.deploymentId && (
                      <Link to={detailSearch(action.deploymentId, environment)}>
                        Deployment {action.deploymentId}
                      </Link>
                    )}
                    {action.externalExecutionUrl && (
                      <Box>
                        <Link to={action.externalExecutionUrl}>
                          Open in AWS
                        </Link>
                      </Box>
                    )}
                  </li>
                ))}
              </ul>
              {retry && (
                <Box mt="2">
                  <OfferButton
                    offer={retry}
                    subject={{ environment }}
                    onChanged={onChanged}
                  />
                </Box>
              )}
            </li>
          );
        })}
      </ol>
    </SectionCard>
  );
};
