import styles from './BarChart.module.css';

/** One bar of a {@link BarChart}. */
export type BarChartPoint = {
  /** The bucket, e.g. a day; shown in the bar's tooltip. */
  label: string;
  /** The value; `undefined` draws no bar (no data in the bucket). */
  value: number | undefined;
};

/** Props of {@link BarChart}. */
export type BarChartProps = {
  /** What the chart shows, read out by screen readers. */
  ariaLabel: string;
  points: BarChartPoint[];
  /** How a value reads in tooltips ("3 deployments", "4m 12s"). */
  formatValue: (value: number) => string;
  /** Draws the bars in the error colour (failure rates). */
  tone?: 'primary' | 'error';
  height?: number;
};

const VIEW_WIDTH = 240;

/**
 * A small bar chart drawn as plain SVG, sized to its container. The colours
 * are the theme's tokens (`--bui-*`), so it reads in light and dark mode alike; each bar
 * carries a `<title>` so the exact value is one hover away.
 */
export const BarChart = (props: BarChartProps) => {
  const {
    ariaLabel,
    points,
    formatValue,
    tone = 'primary',
    height = 60,
  } = props;
  const max = Math.max(0, ...points.map(p => p.value ?? 0));
  const slot = points.length > 0 ? VIEW_WIDTH / points.length : VIEW_WIDTH;
  const barWidth = Math.max(1, slot * 0.7);

  return (
    <svg
      className={styles.svg}
      role="img"
      aria-label={ariaLabel}
      viewBox={`0 0 ${VIEW_WIDTH} ${height}`}
      preserveAspectRatio="none"
      height={height}
    >
      <line
        className={styles.axis}
        x1={0}
        x2={VIEW_WIDTH}
        y1={height - 0.5}
        y2={height - 0.5}
      />
      {points.map((point, index) => {
        if (point.value === undefined) {
          return null;
        }
        // Keep non-zero values visible even next to a much larger bar.
        const barHeight =
          max === 0 ? 0 : Math.max(2, (point.value / max) * (height - 4));
        return (
          <rect
            key={`${point.label}-${index}`}
            data-testid="bar"
            className={styles[tone]}
            x={index * slot + (slot - barWidth) / 2}
            y={height - barHeight}
            width={barWidth}
            height={barHeight}
          >
            <title>{`${point.label}: ${formatValue(point.value)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
};
