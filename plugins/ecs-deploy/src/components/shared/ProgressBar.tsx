import styles from './ProgressBar.module.css';

/**
 * The platform's own progress bar (role `progressbar`), drawn in the theme's
 * colours: determinate with a percentage, else indeterminate (work under
 * way, end unknown).
 */
export const ProgressBar = ({
  percent,
  label,
}: {
  percent?: number;
  label: string;
}) => (
  <progress className={styles.bar} max={100} value={percent} aria-label={label}>
    {percent === undefined ? '' : `${percent}%`}
  </progress>
);
