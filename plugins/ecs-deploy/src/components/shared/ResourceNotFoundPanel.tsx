import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button } from '@backstage/ui';
import { ecsDeployTranslationRef } from '../../translation';

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
}) => {
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  return (
    <Alert
      role="alert"
      status="warning"
      icon
      title={t('common.notFoundInAws')}
      description={
        <>
          <p>{message}</p>
          <p>
            Correct the annotation, or create the resource in that account and
            region.
          </p>
        </>
      }
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
