import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import { ActionLedgerEntry } from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployTranslationRef } from '../../translation';
import { formatTime } from '../../utils/format';
import { SectionCard } from '../shared/SectionCard';
import { ledgerText } from './ledgerText';
import styles from './PortalActionsCard.module.css';

/**
 * The latest actions taken from the portal (the ledger): CloudTrail only
 * sees the backend's role, this says which person acted.
 */
export const PortalActionsCard = ({
  entries,
  title: heading,
  limit = 10,
}: {
  entries: ActionLedgerEntry[];
  /** Default: the tab's "latest actions" title. */
  title?: string;
  limit?: number;
}) => {
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const title = heading ?? t('deployments.portalActions.title');
  return (
    <SectionCard title={title}>
      <ul className={styles.list} aria-label={title}>
        {entries.slice(0, limit).map(entry => (
          <li key={entry.id}>
            <Text as="p" variant="body-medium">
              {`${entry.environment}: ${ledgerText(entry)}`}
            </Text>
            <Text as="p" variant="body-small" color="secondary">
              {[
                formatTime(entry.createdAt),
                entry.comment && `“${entry.comment}”`,
                entry.errorMessage,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
};
