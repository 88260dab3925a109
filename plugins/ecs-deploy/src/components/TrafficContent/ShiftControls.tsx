import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { errorMessage } from '../../utils/errors';
import { DeploymentControls } from '../actions/DeploymentControls';

/**
 * The controls of the deployment shifting traffic, from the offers the
 * backend makes on it. The traffic snapshot carries none, so the deployment
 * is read again with every snapshot (`observedAt`) and the controls follow
 * its phase; the last offers stay on screen while the next are read.
 */
export const ShiftControls = ({
  environment,
  deploymentId,
  observedAt,
  onChanged,
}: {
  environment: string;
  deploymentId: string;
  /** When the traffic snapshot was read; a new one reads the offers again. */
  observedAt: string;
  onChanged: () => void;
}) => {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const { value, error } = useAsync(
    () => api.getDeployment(entityRef, { deploymentId, environment }),
    [api, entityRef, deploymentId, environment, observedAt],
  );
  if (error) {
    return (
      <Typography variant="body2" color="error" role="alert">
        The actions on {deploymentId} could not be read: {errorMessage(error)}
      </Typography>
    );
  }
  return value ? (
    <DeploymentControls deployment={value.deployment} onChanged={onChanged} />
  ) : null;
};
