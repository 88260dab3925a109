import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Flex, Text } from '@backstage/ui';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import { RequestError } from '../shared/RequestError';
import {
  KIND_NAMES,
  revisionText,
  trafficOutcomeText,
} from '../DeploymentsContent/releaseText';
import { LifecycleTimeline } from './LifecycleTimeline';
import { detailSearch } from './detailSearch';

/**
 * A deployment inside a release, on the release's detail: what it is, how
 * it left traffic, and its lifecycle, so the release reads in one place.
 */
export const ReleaseDeployment = ({
  deploymentId,
  environment,
}: {
  deploymentId: string;
  environment: string;
}) => {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const detail = useAsyncRetry(
    () => api.getDeployment(entityRef, { deploymentId, environment }),
    [api, entityRef, deploymentId, environment],
  );
  if (detail.error) {
    return (
      <RequestError
        error={detail.error}
        retry={detail.retry}
        title={`${deploymentId} could not be read`}
      />
    );
  }
  if (!detail.value) {
    return <Progress aria-label={`Loading ${deploymentId}`} />;
  }
  const { deployment, lifecycleEvents, targets } = detail.value;
  // CodeDeploy reports its hooks on the one ECS target as well.
  const events = lifecycleEvents.length
    ? lifecycleEvents
    : targets.flatMap(t => t.lifecycleEvents);
  return (
    <section aria-label={`Deployment ${deploymentId}`}>
      <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
        <Text as="h3" variant="title-x-small">
          <Link to={detailSearch(deploymentId, environment)}>
            {KIND_NAMES[deployment.kind]}{' '}
            {deploymentId.slice(deploymentId.indexOf(':') + 1)}
          </Link>
        </Text>
        <DeploymentStatusLabel status={deployment.status} />
        <Text variant="body-medium" color="secondary">
          {revisionText(deployment)} · {trafficOutcomeText(deployment)}
        </Text>
      </Flex>
      {events.length > 0 && (
        <LifecycleTimeline title="Its lifecycle" events={events} />
      )}
    </section>
  );
};
