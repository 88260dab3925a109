import yaml from 'yaml';

/**
 * `buildspec.yml` for the service's CodeBuild project: builds the image, pushes
 * it with the short commit id and with the first environment's tag (the tag that
 * environment's pipeline watches, so the push starts the deployment), and writes
 * `imageDetail.json` (blue/green) and `imagedefinitions.json` (rolling), as in
 * field note 001.
 *
 * @public
 */
export function renderBuildSpec(opts: {
  containerName: string;
  repositoryUri: string;
  ecrRegion: string;
  environmentTag: string;
}): string {
  const registry = opts.repositoryUri.split('/')[0];
  const doc = {
    version: 0.2,
    env: {
      variables: {
        REPOSITORY_URI: opts.repositoryUri,
        CONTAINER_NAME: opts.containerName,
        ENVIRONMENT_TAG: opts.environmentTag,
        ECR_REGION: opts.ecrRegion,
      },
    },
    phases: {
      pre_build: {
        commands: [
          `aws ecr get-login-password --region $ECR_REGION | docker login --username AWS --password-stdin ${registry}`,
          'COMMIT_ID=$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7)',
        ],
      },
      build: {
        commands: [
          'docker build -t $REPOSITORY_URI:$COMMIT_ID .',
          'docker tag $REPOSITORY_URI:$COMMIT_ID $REPOSITORY_URI:$ENVIRONMENT_TAG',
        ],
      },
      post_build: {
        commands: [
          'docker push $REPOSITORY_URI:$COMMIT_ID',
          'docker push $REPOSITORY_URI:$ENVIRONMENT_TAG',
          `IMAGE_DIGEST=$(aws ecr describe-images --region $ECR_REGION --repository-name \${REPOSITORY_URI#*/} --image-ids imageTag=$COMMIT_ID --query 'imageDetails[0].imageDigest' --output text)`,
          `printf '{"ImageURI":"%s@%s"}' "$REPOSITORY_URI" "$IMAGE_DIGEST" > imageDetail.json`,
          `printf '[{"name":"%s","imageUri":"%s"}]' "$CONTAINER_NAME" "$REPOSITORY_URI:$COMMIT_ID" > imagedefinitions.json`,
        ],
      },
    },
    artifacts: { files: ['imageDetail.json', 'imagedefinitions.json'] },
  };
  return [
    "# Pushing the environment tag starts that environment's pipeline;",
    '# promote later by retagging the commit-id image (see README.md).',
    yaml.stringify(doc, { lineWidth: 0 }),
  ].join('\n');
}
