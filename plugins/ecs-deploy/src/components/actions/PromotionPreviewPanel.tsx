import { useApi } from '@backstage/core-plugin-api';
import { Progress } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  PromotionImage,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { errorMessage } from '../../utils/errors';
import { shortDigest } from '../../utils/format';

function describeImage(image: PromotionImage | undefined): string {
  if (!image) {
    return 'nothing';
  }
  const commit = image.commitId ? `commit ${image.commitId.slice(0, 7)}, ` : '';
  return `${commit}${shortDigest(image.digest)}`;
}

/**
 * What a promotion will change, loaded when the dialog opens: the image
 * (commit and digest) moving from one environment to the next, and what the
 * target runs now. Reports the preview to its parent so the confirm button
 * can wait for it and refuse a blocked promotion.
 */
export const PromotionPreviewPanel = ({
  from,
  to,
  explanation,
  onPreview,
}: {
  from: string;
  to: string;
  /** What happens once the tag moves, said when nothing blocks it. */
  explanation: string;
  onPreview: (preview: PromotionPreview | undefined) => void;
}) => {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const { loading, error, value } = useAsync(async () => {
    onPreview(undefined);
    const preview = await api.getPromotionPreview(entityRef, { from, to });
    onPreview(preview);
    return preview;
  }, [api, entityRef, from, to]);

  if (loading) {
    return <Progress aria-label="Loading the promotion preview" />;
  }
  if (error) {
    return (
      <Alert severity="error">
        Cannot preview the promotion: {errorMessage(error)}
      </Alert>
    );
  }
  if (!value) {
    return null;
  }
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        What the promotion changes
      </Typography>
      <Table size="small" aria-label="What the promotion changes">
        <TableBody>
          <TableRow>
            <TableCell component="th" scope="row">
              {to} runs now
            </TableCell>
            <TableCell>{describeImage(value.current)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th" scope="row">
              {to} will run
            </TableCell>
            <TableCell>{describeImage(value.image)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th" scope="row">
              ECR change
            </TableCell>
            <TableCell>
              tag <code>{value.targetTag}</code> moves to{' '}
              <code>{value.image.digest}</code> in {value.image.repository}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {value.blockedReason ? (
        <Alert severity="warning">{value.blockedReason}</Alert>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {explanation}
        </Typography>
      )}
    </>
  );
};
