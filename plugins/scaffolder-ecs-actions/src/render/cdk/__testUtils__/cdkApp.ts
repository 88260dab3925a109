import fs from 'node:fs';
import path from 'node:path';
import type { App } from 'aws-cdk-lib';
import ts from 'typescript';

/*
 * Runs a rendered CDK app the way its repository does, without AWS: the
 * TypeScript is type-checked with the app's own tsconfig.json (ts-node, which
 * cdk.json runs, refuses the same errors), then bin/app.ts is evaluated
 * in-process and synthesized, answering the context lookups `cdk synth` would
 * make from a table, as the CDK CLI does between its two passes.
 */

/** Writes the app's files under dir, with the repository's node_modules. */
export function writeCdkApp(
  dir: string,
  files: Record<string, string>,
): string {
  for (const [file, content] of Object.entries(files)) {
    const dest = path.join(dir, file);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content);
  }
  const appDir = path.join(dir, 'cdk');
  const nodeModules = path.resolve(
    path.dirname(require.resolve('aws-cdk-lib/package.json')),
    '..',
  );
  fs.symlinkSync(nodeModules, path.join(appDir, 'node_modules'), 'dir');
  return appDir;
}

/** Type errors of the apps in appDirs, each compiled with its tsconfig.json. */
export function typeErrors(appDirs: string[]): string[] {
  const configs = appDirs.map(dir => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(dir, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: d => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error(`No tsconfig.json in ${dir}`);
    return parsed;
  });
  // One program: the apps share their options, and aws-cdk-lib's types are read once.
  const program = ts.createProgram(
    configs.flatMap(c => c.fileNames),
    configs[0].options,
  );
  return ts.getPreEmitDiagnostics(program).map(d => {
    const where = d.file
      ? `${d.file.fileName}:${
          d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1
        }: `
      : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** Facts a context lookup of a subnet answers. */
export interface SubnetFacts {
  VpcId: string;
  AvailabilityZone: string;
}

/**
 * bin/app.ts's App, synthesized with the answers to its lookups: the first
 * pass records what it is missing (CDK uses dummy values meanwhile), the
 * second runs with the answers as context, as `cdk synth` passes them.
 */
export function synthesizeCdkApp(
  appDir: string,
  subnets: Record<string, SubnetFacts>,
): App {
  const first = evaluateApp(appDir, {});
  const context: Record<string, unknown> = {};
  for (const missing of first.synth().manifest.missing ?? []) {
    const id = (missing.props as { exactIdentifier?: string }).exactIdentifier;
    if (missing.provider !== 'cc-api-provider' || !id || !subnets[id]) {
      throw new Error(
        `The app looks up ${missing.key}, which the test does not answer`,
      );
    }
    context[missing.key] = [{ Identifier: id, ...subnets[id] }];
  }
  const app = evaluateApp(appDir, context);
  if (app.synth().manifest.missing?.length) {
    throw new Error(
      'The app still misses context after its lookups were answered',
    );
  }
  return app;
}

function evaluateApp(appDir: string, context: Record<string, unknown>): App {
  const previous = process.env.CDK_CONTEXT_JSON;
  // How the CDK CLI hands context to the app.
  process.env.CDK_CONTEXT_JSON = JSON.stringify(context);
  try {
    const modules = new Map<string, { exports: any }>();
    return loadModule(path.join(appDir, 'bin/app.ts'), modules).exports.app;
  } finally {
    if (previous === undefined) delete process.env.CDK_CONTEXT_JSON;
    else process.env.CDK_CONTEXT_JSON = previous;
  }
}

/**
 * A CommonJS loader for the app's own files; packages come from this test's
 * require, so the stacks are built by the same aws-cdk-lib the assertions use.
 */
function loadModule(
  file: string,
  modules: Map<string, { exports: any }>,
): { exports: any } {
  const loaded = modules.get(file);
  if (loaded) return loaded;
  const module = { exports: {} as any };
  modules.set(file, module);
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
    },
    fileName: file,
  });
  const requireFrom = (specifier: string) =>
    specifier.startsWith('.')
      ? loadModule(`${path.resolve(path.dirname(file), specifier)}.ts`, modules)
          .exports
      : require(specifier);
  // A function body takes no shebang line (bin/app.ts starts with one).
  const body = outputText.replace(/^#!.*\n/, '');
  // eslint-disable-next-line no-new-func
  const run = new Function('exports', 'require', 'module', body);
  run(module.exports, requireFrom, module);
  return module;
}
