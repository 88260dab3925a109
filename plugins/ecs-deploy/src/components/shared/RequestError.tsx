import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button } from '@backstage/ui';
import {
  isMissingAnnotationsMessage,
  isResourceNotFound,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployTranslationRef } from '../../translation';
import { errorCode, errorMessage, errorStatus } from '../../utils/errors';
import { EcsDeploySetup } from './EcsDeploySetup';
import { ResourceNotFoundPanel } from './ResourceNotFoundPanel';

/**
 * A failed read, shown the way the cause calls for: the backend's "no
 * annotations" 404 gets setup instructions, a resource AWS does not know
 * says which one, a 403 that the user may not see it; anything else gets
 * the error and a retry.
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
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const status = errorStatus(error);
  const message = errorMessage(error);
  if (status === 404 && isMissingAnnotationsMessage(message)) {
    return <EcsDeploySetup message={message} />;
  }
  if (isResourceNotFound({ code: errorCode(error) })) {
    return <ResourceNotFoundPanel message={message} retry={retry} />;
  }
  const heading =
    status === 403 ? `You may not see this: ${message}` : title ?? message;
  return (
    <Alert
      role="alert"
      status="danger"
      icon
      title={heading}
      description={heading === message ? undefined : message}
      customActions={
        retry && (
          <Button size="small" variant="secondary" onPress={retry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
};
