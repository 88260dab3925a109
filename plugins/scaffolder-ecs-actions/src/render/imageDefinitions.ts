/**
 * `imagedefinitions.json` for CodePipeline's standard "Amazon ECS" deploy
 * action (rolling and ECS-native strategies). It names the environment tag, not
 * a commit, because a pipeline is bound to one tag (field note 000): promotion
 * retags the image and the tag's pipeline deploys it.
 *
 * @public
 */
export function renderImageDefinitions(opts: {
  containerName: string;
  repositoryUri: string;
  environment: string;
}): string {
  return `${JSON.stringify(
    [
      {
        name: opts.containerName,
        imageUri: `${opts.repositoryUri}:${opts.environment}`,
      },
    ],
    null,
    2,
  )}\n`;
}
