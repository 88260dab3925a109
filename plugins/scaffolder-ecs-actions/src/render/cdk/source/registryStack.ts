/** `lib/registry-stack.ts`: the ECR repository. */
export const registryStackSource = `import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import type { ServiceSettings } from './settings-types';
import { tagEverything } from './tagging';

export interface RegistryStackProps extends StackProps {
  service: ServiceSettings;
}

/**
 * The service's ECR repository in the registry account. Every environment
 * deploys from it, so it carries no environment tag.
 */
export class RegistryStack extends Stack {
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    const { registry } = props.service;
    super(scope, id, {
      ...props,
      env: { account: registry.account, region: registry.region },
    });
    tagEverything(this, props.service.tags);
    this.repository = new ecr.Repository(this, 'Images', {
      repositoryName: registry.repositoryName,
      // Promotion moves the environment tags.
      imageTagMutability: ecr.TagMutability.MUTABLE,
      imageScanOnPush: true,
      // Images outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
`;
