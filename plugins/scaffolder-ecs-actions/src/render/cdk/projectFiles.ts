/*
 * The CDK app's project files. Versions: the aws-cdk-lib line the synth test
 * runs against, and a CLI that reads its cloud assembly.
 */

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `cdk/package.json`. */
export function renderPackageJson(serviceName: string): string {
  return json({
    name: `${serviceName}-infrastructure`,
    private: true,
    scripts: {
      build: 'tsc --noEmit',
      synth: 'cdk synth',
      diff: 'cdk diff --all',
      deploy: 'cdk deploy --all',
    },
    dependencies: {
      'aws-cdk-lib': '^2.270.0',
      constructs: '^10.8.1',
    },
    devDependencies: {
      '@types/node': '^22.0.0',
      'aws-cdk': '^2.1100.0',
      'ts-node': '^10.9.2',
      typescript: '~5.9.3',
    },
  });
}

/** `cdk/tsconfig.json`: strict, CommonJS for ts-node. */
export function renderTsconfig(): string {
  return json({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022'],
      strict: true,
      noImplicitReturns: true,
      skipLibCheck: true,
      types: ['node'],
      noEmit: true,
    },
    include: ['bin/**/*.ts', 'lib/**/*.ts'],
  });
}

/** `cdk/cdk.json`. */
export function renderCdkJson(): string {
  return json({
    app: 'npx ts-node --prefer-ts-exts bin/app.ts',
    // A change that widens IAM or security groups asks first.
    requireApproval: 'broadening',
  });
}

/** `cdk/.gitignore`: what npm install and cdk synth leave behind. */
export function renderGitignore(): string {
  return ['node_modules/', 'cdk.out/', ''].join('\n');
}
