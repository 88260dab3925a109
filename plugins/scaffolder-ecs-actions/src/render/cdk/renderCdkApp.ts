import {
  renderCdkJson,
  renderGitignore,
  renderPackageJson,
  renderTsconfig,
} from './projectFiles';
import { renderSettings } from './renderSettings';
import { binAppSource } from './source/binApp';
import { blueGreenDeploymentSource } from './source/blueGreenDeployment';
import { fargateServiceSource } from './source/fargateService';
import { loadBalancingSource } from './source/loadBalancing';
import { networkSource } from './source/network';
import { pipelineSource } from './source/pipeline';
import { registryStackSource } from './source/registryStack';
import { serviceStackSource } from './source/serviceStack';
import { settingsTypesSource } from './source/settingsTypes';
import { taggingSource } from './source/tagging';
import type { CdkServiceSettings } from './types';

/** Where the CDK app lives in the infrastructure repository. @public */
export const CDK_APP_DIR = 'cdk';

/**
 * The TypeScript CDK app (aws-cdk-lib v2) that declares what the ecs:*
 * actions otherwise create: the ECR repository in a stack of its own, and per
 * environment a stack with the load balancer, the Fargate service, CodeDeploy
 * blue/green and the pipeline. Only `lib/settings.ts` differs between
 * services; the rest is the same readable code for every one.
 *
 * @public
 */
export function renderCdkApp(
  settings: CdkServiceSettings,
): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': renderPackageJson(settings.name),
    'tsconfig.json': renderTsconfig(),
    'cdk.json': renderCdkJson(),
    '.gitignore': renderGitignore(),
    'bin/app.ts': binAppSource,
    'lib/settings.ts': renderSettings(settings),
    'lib/settings-types.ts': settingsTypesSource,
    'lib/tagging.ts': taggingSource,
    'lib/network.ts': networkSource,
    'lib/load-balancing.ts': loadBalancingSource,
    'lib/fargate-service.ts': fargateServiceSource,
    'lib/blue-green-deployment.ts': blueGreenDeploymentSource,
    'lib/pipeline.ts': pipelineSource,
    'lib/registry-stack.ts': registryStackSource,
    'lib/service-stack.ts': serviceStackSource,
  };
  return Object.fromEntries(
    Object.entries(files).map(([file, content]) => [
      `${CDK_APP_DIR}/${file}`,
      content,
    ]),
  );
}
