import { ArnScope, AwsResourceRef, formatArn, parseResourceArn } from './arns';

/**
 * A CodeDeploy application as named by its ARN
 * (`...:application:<application>`).
 *
 * @public
 */
export interface CodeDeployApplicationRef extends AwsResourceRef {
  /** The application's name. */
  application: string;
}

/** The ARN of an application. @public */
export function codeDeployApplicationArn(
  ref: ArnScope & { application: string },
): string {
  return formatArn(ref, 'codedeploy', `application:${ref.application}`);
}

/** Parses an application's ARN, or returns undefined for any other string. @public */
export function parseCodeDeployApplicationArn(
  arn: string,
): CodeDeployApplicationRef | undefined {
  return parseResourceArn(
    arn,
    'codedeploy',
    /^application:([^/:]+)$/,
    ([application]) => ({ application }),
  );
}

/**
 * A CodeDeploy deployment group as named by its ARN
 * (`...:deploymentgroup:<application>/<group>`), the resource that carries
 * the owner tag of a CodeDeploy deployment.
 *
 * @public
 */
export interface CodeDeployDeploymentGroupRef extends AwsResourceRef {
  /** The application's name. */
  application: string;
  /** The deployment group's name. */
  deploymentGroup: string;
}

/** The ARN of a deployment group. @public */
export function codeDeployDeploymentGroupArn(
  ref: ArnScope & { application: string; deploymentGroup: string },
): string {
  return formatArn(
    ref,
    'codedeploy',
    `deploymentgroup:${ref.application}/${ref.deploymentGroup}`,
  );
}

/** Parses a deployment group's ARN, or returns undefined for any other string. @public */
export function parseCodeDeployDeploymentGroupArn(
  arn: string,
): CodeDeployDeploymentGroupRef | undefined {
  return parseResourceArn(
    arn,
    'codedeploy',
    /^deploymentgroup:([^/:]+)\/([^/:]+)$/,
    ([application, deploymentGroup]) => ({ application, deploymentGroup }),
  );
}
