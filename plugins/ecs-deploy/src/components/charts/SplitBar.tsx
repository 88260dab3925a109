import { Text } from '@backstage/ui';
import sides from './sides.module.css';
import styles from './SplitBar.module.css';

/** One share of a {@link SplitBar}. */
export type SplitBarSegment = {
  /** e.g. the target group name. */
  label: string;
  /** Which side of a blue/green pair the segment is, for its colour. */
  color: 'blue' | 'green' | 'other';
  /** Weight in percent (0-100). */
  weight: number;
};

/** Props of {@link SplitBar}. */
export type SplitBarProps = {
  ariaLabel: string;
  segments: SplitBarSegment[];
};

/**
 * Draws how a listener splits traffic: one coloured share per target group,
 * widths proportional to the weights. The numbers are in the text too, so
 * nothing depends on telling blue from green.
 */
export const SplitBar = ({ ariaLabel, segments }: SplitBarProps) => {
  const total = segments.reduce((sum, s) => sum + Math.max(0, s.weight), 0);
  const description = segments
    .map(s => `${s.label} ${Math.round(s.weight)}%`)
    .join(', ');

  return (
    <div>
      <div
        className={styles.bar}
        role="img"
        aria-label={`${ariaLabel}: ${description}`}
      >
        {segments
          .filter(s => s.weight > 0)
          .map(s => (
            <div
              key={s.label}
              className={`${styles.segment} ${sides[s.color]}`}
              style={{
                flexBasis: `${total > 0 ? (s.weight / total) * 100 : 0}%`,
              }}
            >
              {s.weight >= 8 ? `${Math.round(s.weight)}%` : ''}
            </div>
          ))}
      </div>
      <Text as="p" variant="body-x-small" color="secondary" aria-hidden>
        {description}
      </Text>
    </div>
  );
};
