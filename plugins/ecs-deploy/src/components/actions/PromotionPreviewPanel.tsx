import { useApi } from '@backstage/core-plugin-api';
import { Progress } from '@backstage/core-components';
import { Alert, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import {
  PromotionImage,
  PromotionPreview,
} from '@ecs-deploy/plugin-ecs-deploy-common';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { errorMessage } from '../../utils/errors';
import { shortDigest } from '../../utils/format';
import facts from '../shared/FactTable.module.css';

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
      <Alert
        role="alert"
        status="danger"
        icon
        title={`Cannot preview the promotion: ${errorMessage(error)}`}
      />
    );
  }
  if (!value) {
    return null;
  }
  return (
    <>
      <Text as="h3" variant="body-medium" weight="bold">
        What the promotion changes
      </Text>
      <table className={facts.table} aria-label="What the promotion changes">
        <tbody>
          <tr>
            <th scope="row">{to} runs now</th>
            <td>{describeImage(value.current)}</td>
          </tr>
          <tr>
            <th scope="row">{to} will run</th>
            <td>{describeImage(value.image)}</td>
          </tr>
          <tr>
            <th scope="row">ECR change</th>
            <td>
              tag <code>{value.targetTag}</code> moves to{' '}
              <code>{value.image.digest}</code> in {value.image.repository}
            </td>
          </tr>
        </tbody>
      </table>
      {value.blockedReason ? (
        <Alert role="alert" status="warning" icon title={value.blockedReason} />
      ) : (
        <Text as="p" variant="body-medium" color="secondary">
          {explanation}
        </Text>
      )}
    </>
  );
};
