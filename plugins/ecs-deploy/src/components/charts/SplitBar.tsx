import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import blue from '@material-ui/core/colors/blue';
import green from '@material-ui/core/colors/green';
import grey from '@material-ui/core/colors/grey';
import { makeStyles, Theme } from '@material-ui/core/styles';

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

// Mid-tone shades with white text pass contrast on both the light and the
// dark Backstage theme, so the bar needs no theme switch.
const COLORS: Record<SplitBarSegment['color'], string> = {
  blue: blue[700],
  green: green[800],
  other: grey[700],
};

const useStyles = makeStyles((theme: Theme) => ({
  bar: {
    display: 'flex',
    height: theme.spacing(4),
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
  },
  segment: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: theme.palette.common.white,
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    transition: 'flex-basis 600ms ease-in-out',
  },
}));

/**
 * Draws how a listener splits traffic: one coloured share per target group,
 * widths proportional to the weights. The numbers are in the text too, so
 * nothing depends on telling blue from green.
 */
export const SplitBar = ({ ariaLabel, segments }: SplitBarProps) => {
  const classes = useStyles();
  const total = segments.reduce((sum, s) => sum + Math.max(0, s.weight), 0);
  const description = segments
    .map(s => `${s.label} ${Math.round(s.weight)}%`)
    .join(', ');

  return (
    <Box>
      <div
        className={classes.bar}
        role="img"
        aria-label={`${ariaLabel}: ${description}`}
      >
        {segments
          .filter(s => s.weight > 0)
          .map(s => (
            <div
              key={s.label}
              className={classes.segment}
              style={{
                flexBasis: `${total > 0 ? (s.weight / total) * 100 : 0}%`,
                backgroundColor: COLORS[s.color],
              }}
            >
              {s.weight >= 8 ? `${Math.round(s.weight)}%` : ''}
            </div>
          ))}
      </div>
      <Typography variant="caption" color="textSecondary" aria-hidden>
        {description}
      </Typography>
    </Box>
  );
};
