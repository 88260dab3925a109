import type { CdkServiceSettings } from './types';

/**
 * The infrastructure repository README's section on the CDK app: bootstrap,
 * install, deploy, and what a first deployment needs.
 *
 * @public
 */
export function renderCdkReadmeSection(settings: CdkServiceSettings): string {
  const { registry } = settings;
  const targets = [
    `aws://${registry.account}/${registry.region}`,
    ...settings.environments.map(e => `aws://${e.account}/${e.region}`),
  ].filter((t, i, all) => all.indexOf(t) === i);
  const first = settings.environments[0]?.name ?? 'dev';
  return [
    '## Infrastructure as code (`cdk/`)',
    '',
    'The AWS resources of this service are declared by the CDK app in `cdk/`',
    `(aws-cdk-lib v2): the ECR repository (stack \`${registry.stackName}\`), and per`,
    'environment a stack with the load balancer, the Fargate service, CodeDeploy',
    'blue/green (when CodeDeploy deploys it) and the pipeline, all tagged with the',
    'component, its owner and the environment. `cdk/lib/settings.ts` holds the',
    "platform's accounts, networks and roles; the rest is the same for every service.",
    '',
    'Once per account and region, with credentials for it:',
    '',
    '```sh',
    'cd cdk',
    'npm install',
    ...targets.map(t => `npx cdk bootstrap ${t}`),
    '```',
    '',
    'Deploy the image repository, push a first image tagged with each',
    `environment's name (\`buildspec.yml\` pushes \`${first}\`; retag for the others,`,
    'see above): a new service waits until its tasks run. Then deploy everything,',
    'in promotion order:',
    '',
    '```sh',
    `npx cdk deploy ${registry.stackName}`,
    'npx cdk deploy --all',
    '```',
    '',
    'The first `cdk synth` looks up the VPC of the configured subnets and keeps it',
    'in `cdk/cdk.context.json`: commit that file. After the first deployment the',
    "pipelines deploy new images; CloudFormation cannot change a CodeDeploy service's",
    'task definition, so change size, port or roles in `environments/<env>/taskdef.json`',
    'too.',
    '',
  ].join('\n');
}
