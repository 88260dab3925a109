import type {
  ApplicationInfo,
  DeploymentConfigInfo,
  DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import type { AwsClients } from '@ecs-deploy/plugin-ecs-deploy-node';
import {
  findApplication,
  findDeploymentConfig,
  findDeploymentGroup,
} from '../aws/codeDeploy';
import type { Tagged } from '../aws/tagged';
import type { CodeDeploySpec } from '../plan/codeDeployPlan';
import { inspectServiceSite, ServiceSite } from './serviceSite';

/**
 * What a CODE_DEPLOY service's deployment group is built on (the service's
 * own resources) and what exists under its CodeDeploy names. Read only.
 *
 * @public
 */
export interface CodeDeploySite {
  service: ServiceSite;
  application?: Tagged<ApplicationInfo>;
  group?: Tagged<DeploymentGroupInfo>;
  config?: DeploymentConfigInfo;
}

/** @public */
export async function inspectCodeDeploySite(
  clients: Pick<AwsClients, 'ecs' | 'elbv2' | 'codeDeploy'>,
  spec: CodeDeploySpec,
  /** The service's site when the caller has read it already. */
  serviceSite?: ServiceSite,
): Promise<CodeDeploySite> {
  const { codeDeploy } = clients;
  const { names } = spec.layout;
  const [service, application, group, config] = await Promise.all([
    serviceSite ?? inspectServiceSite(clients, spec.layout),
    findApplication(codeDeploy, names.application, spec.arns.application),
    findDeploymentGroup(
      codeDeploy,
      names.application,
      names.deploymentGroup,
      spec.arns.deploymentGroup,
    ),
    findDeploymentConfig(codeDeploy, spec.shift.name),
  ]);
  return {
    service,
    ...(application ? { application } : {}),
    ...(group ? { group } : {}),
    ...(config ? { config } : {}),
  };
}
