import { Card, CardBody, Grid, Skeleton } from '@backstage/ui';

/**
 * Placeholders in the shape of the cards to come, so the page does not jump
 * when they arrive. Announced as one busy progress indicator.
 */
export const CardsSkeleton = ({
  label,
  count = 3,
  columns = 4,
}: {
  label: string;
  count?: number;
  columns?: 4 | 12;
}) => (
  <div role="progressbar" aria-label={label} aria-busy="true">
    <Grid.Root
      columns={{ initial: '1', md: columns === 4 ? '3' : '1' }}
      gap="4"
    >
      {Array.from({ length: count }, (_, i) => (
        <Card key={i}>
          <CardBody>
            <Skeleton width="40%" height={28} />
            <Skeleton width="70%" height={16} style={{ marginTop: 8 }} />
            <Skeleton width="60%" height={16} style={{ marginTop: 8 }} />
            <Skeleton width="50%" height={16} style={{ marginTop: 8 }} />
            <Skeleton height={32} style={{ marginTop: 8 }} />
          </CardBody>
        </Card>
      ))}
    </Grid.Root>
  </div>
);
