import type { EcrImageDetail } from '../../../world';
import type { ArtifactValue } from '../model';
import { ActionFailure } from './ActionFailure';

/*
 * `imageDetail.json`, the file that carries an image between actions: the ECR
 * source writes it into its output artifact (the AWS CodePipeline User Guide,
 * "Image definitions file reference", shows its fields), and the
 * CodeDeployToECS action reads its `ImageURI`.
 */

export const IMAGE_DETAIL_FILE = 'imageDetail.json';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** The ECR source's `imageDetail.json` for an image. */
export function renderImageDetail(image: EcrImageDetail): string {
  return JSON.stringify({
    ImageSizeInBytes: String(image.imageSizeInBytes),
    ImageDigest: image.imageDigest,
    Version: '1.0',
    ImagePushedAt: pushedAt(image.imagePushedAt),
    RegistryId: image.registryId,
    RepositoryName: image.repositoryName,
    ImageURI: image.imageUri,
    ImageTags: image.imageTags,
  });
}

/**
 * The `ImageURI` of an artifact's `imageDetail.json`. A missing artifact,
 * file or URI fails with AWS's text for an image artifact it cannot read.
 */
export function imageUriOf(
  artifactName: string,
  artifact: ArtifactValue | undefined,
): string {
  const cannotRead = new ActionFailure(
    `Exception while trying to read the image artifact file from the artifact: ${artifactName}.`,
    'ConfigurationError',
  );
  const text = artifact?.files[IMAGE_DETAIL_FILE];
  if (text === undefined) throw cannotRead;
  let uri: unknown;
  try {
    uri = JSON.parse(text)?.ImageURI;
  } catch {
    throw cannotRead;
  }
  if (typeof uri !== 'string' || uri === '') throw cannotRead;
  return uri;
}

/** `Mon Jan 21 20:04:00 UTC 2019`, the form of AWS's example. */
function pushedAt(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(
    d.getUTCDate(),
  )} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(
    d.getUTCSeconds(),
  )} UTC ${d.getUTCFullYear()}`;
}
