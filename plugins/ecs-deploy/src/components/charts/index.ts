export { BarChart } from './BarChart';
export type { BarChartPoint, BarChartProps } from './BarChart';
export { SplitBar } from './SplitBar';
export type { SplitBarProps, SplitBarSegment } from './SplitBar';
