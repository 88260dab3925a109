import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * AWS does not know a resource the entity's annotations name: the entity is
 * set up, so this says which resource is missing instead of how to add
 * annotations.
 */
export const ResourceNotFoundPanel = ({
  message,
  retry,
}: {
  /** The backend's sentence: which resource, in which account and region, from which annotation. */
  message: string;
  retry?: () => void;
}) => (
  <Alert
    severity="warning"
    action={
      retry && (
        <Button color="inherit" size="small" onClick={retry}>
          Retry
        </Button>
      )
    }
  >
    <AlertTitle>Not found in AWS</AlertTitle>
    {message}
    <Box mt={1}>
      Correct the annotation, or create the resource in that account and region.
    </Box>
  </Alert>
);
