import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { ActionLedgerEntry } from '@ecs-deploy/plugin-ecs-deploy-common';
import { formatTime } from '../../utils/format';
import { ledgerText } from './ledgerText';

/**
 * The latest actions taken from the portal (the ledger): CloudTrail only
 * sees the backend's role, this says which person acted.
 */
export const PortalActionsCard = ({
  entries,
}: {
  entries: ActionLedgerEntry[];
}) => (
  <InfoCard title="Actions from the portal">
    <List dense aria-label="Actions from the portal">
      {entries.slice(0, 10).map(entry => (
        <ListItem key={entry.id} disableGutters>
          <ListItemText
            primary={`${entry.environment}: ${ledgerText(entry)}`}
            secondary={[
              formatTime(entry.createdAt),
              entry.comment && `“${entry.comment}”`,
              entry.errorMessage,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  </InfoCard>
);
