import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { errorMessage, errorStatus } from '../../utils/errors';
import { EcsDeploySetup } from './EcsDeploySetup';

/**
 * A failed read, shown the way the cause calls for: a 404 means the backend
 * found no ECS resources for the entity (setup instructions), a 403 that the
 * user may not see them; anything else gets the error panel and a retry.
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
  if (status === 404) {
    return <EcsDeploySetup message={errorMessage(error)} />;
  }
  return (
    <Box>
      <ResponseErrorPanel
        error={error}
        title={
          status === 403
            ? `You may not see this: ${errorMessage(error)}`
            : title ?? errorMessage(error)
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
