import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Skeleton from '@material-ui/lab/Skeleton';

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
  <Box role="progressbar" aria-label={label} aria-busy="true">
    <Grid container spacing={2}>
      {Array.from({ length: count }, (_, i) => (
        <Grid item xs={12} md={columns} key={i}>
          <Card>
            <CardContent>
              <Skeleton variant="text" width="40%" height={32} />
              <Skeleton variant="text" width="70%" />
              <Skeleton variant="text" width="60%" />
              <Skeleton variant="text" width="50%" />
              <Skeleton variant="rect" height={32} />
            </CardContent>
          </Card>
        </Grid>
      ))}
    </Grid>
  </Box>
);
