export interface PeerResult {
  installed: boolean;
  reason?: string;
  markdown: string;
}

const PEER = '@aws/amazon-ecs-plugin-for-backstage-backend';

/**
 * The awslabs ECS backend plugin next to ours. It is not installed in this
 * repository: its published package depends on packages the npm registry does
 * not serve (docs/performance.md has the details), so this part only says so.
 */
export async function runPeer(
  _repoRoot: string,
  _options: unknown,
): Promise<PeerResult> {
  let installed = false;
  try {
    require.resolve(PEER);
    installed = true;
  } catch {
    installed = false;
  }
  const reason = installed
    ? `${PEER} is installed, but the side-by-side run is not written yet`
    : `${PEER} cannot be installed: version 0.10.0 (the only one) depends on @aws/amazon-ecs-plugin-for-backstage-common ^0.6.0, @aws/aws-core-plugin-for-backstage-common ^0.8.0 and @aws/aws-core-plugin-for-backstage-node ^0.5.0, which the npm registry answers with 404, besides its seven \`backstage:^\` ranges`;
  return {
    installed,
    reason,
    markdown: `Not measured. ${reason}. See docs/performance.md.`,
  };
}
