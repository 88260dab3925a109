/** A git commit id as image tags carry it: 7 to 40 hex characters. */
const COMMIT = /^[0-9a-f]{7,40}$/;

/**
 * Commit labels an ECR source's revision summary may report for the image
 * (the OCI `org.opencontainers.image.revision` label, or a `commit` /
 * `GitCommit` one).
 */
const COMMIT_LABEL =
  /(?:org\.opencontainers\.image\.revision|git[_-]?commit|commit(?:[_-]?id)?)["']?\s*[:=]\s*["']?([0-9a-f]{7,40})\b/i;

/**
 * The application's commit an image was built from: its tag when the tag
 * is a commit id, else a commit label the pipeline's ECR source reports.
 * Undefined when neither says (an environment tag such as `staging`).
 */
export function appCommitOf(
  imageTag: string | undefined,
  revisionSummary: string | undefined,
): string | undefined {
  if (imageTag && COMMIT.test(imageTag)) return imageTag;
  return COMMIT_LABEL.exec(revisionSummary ?? '')?.[1]?.toLowerCase();
}
