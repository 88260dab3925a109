import { Cell, Text } from '@backstage/ui';
import styles from './TextCell.module.css';

/**
 * A table cell of plain text that wraps instead of truncating (BUI's
 * `CellText` cuts long values such as commits, times and revisions).
 */
export const TextCell = ({ title }: { title: string }) => (
  <Cell>
    <Text variant="body-medium" className={styles.text}>
      {title}
    </Text>
  </Cell>
);
