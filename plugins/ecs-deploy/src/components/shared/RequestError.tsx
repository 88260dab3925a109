import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  isMissingAnnotationsMessage,
  isResourceNotFound,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { errorCode, errorMessage, errorStatus } from '../../utils/errors';
import { EcsDeploySetup } from './EcsDeploySetup';
import { ResourceNotFoundPanel } from './ResourceNotFoundPanel';

/**
 * A failed read, shown the way the cause calls for: the backend's "no
 * annotations" 404 gets setup instructions, a resource AWS does not know
 * says which one, a 403 that the user may not see it; anything else gets
 * the error panel and a retry.
 */
export const RequestError = ({
  error,
  retry,
  title,
}: {
  error: Error;
  retry?: () => void;
  title?: string;
}) => {
  const status = errorStatus(error);
  const message = errorMessage(error);
  if (status === 404 && isMissingAnnotationsMessage(message)) {
    return <EcsDeploySetup message={message} />;
  }
  if (isResourceNotFound({ code: errorCode(error) })) {
    return <ResourceNotFoundPanel message={message} retry={retry} />;
  }
  return (
    <Box>
      <ResponseErrorPanel
        error={error}
        title={
          status === 403 ? `You may not see this: ${message}` : title ?? message
        }
      />
      {retry && (
        <Box mt={1}>
          <Button variant="outlined" onClick={retry}>
            Retry
          </Button>
        </Box>
      )}
    </Box>
  );
};
