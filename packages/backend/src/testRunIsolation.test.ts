import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

// The browser tests run the portal with app-config.e2e.yaml over
// app-config.yaml. What a test run writes must stay out of what the
// development portal reads, and the overlay's catalog must otherwise be the
// portal's own (config lists replace rather than merge).

const read = (file: string) =>
  parse(readFileSync(resolve(__dirname, '../../..', file), 'utf8'));
const portal = read('app-config.yaml');
const e2e = read('app-config.e2e.yaml');

const written = (config: any) => [
  config.awsSandbox.stateFile,
  config.ecsDeploy.scaffolder.infraRepository.directory,
  ...(config.awsSandbox.sourceRepositories?.directory
    ? [config.awsSandbox.sourceRepositories.directory]
    : []),
];

describe('the browser tests leave the demo alone', () => {
  it('write their sandbox state and repositories under .data/test/ only', () => {
    for (const path of written(e2e)) {
      expect(path).toMatch(/^\.\.\/\.\.\/\.data\/test\//);
    }
    for (const path of written(portal)) {
      expect(path).not.toMatch(/\.data\/test\//);
    }
  });

  it('read the same catalog as the portal, with their own repositories instead of the demo ones', () => {
    const targets = (config: any) =>
      config.catalog.locations.map((l: { target: string }) => l.target);
    const demoRepos = `${portal.ecsDeploy.scaffolder.infraRepository.directory}/*/catalog-info.yaml`;
    const testRepos = `${e2e.ecsDeploy.scaffolder.infraRepository.directory}/*/catalog-info.yaml`;
    expect(targets(portal)).toContain(demoRepos);
    expect(targets(e2e)).toEqual(
      targets(portal).map((t: string) => (t === demoRepos ? testRepos : t)),
    );
    expect(targets(portal).some((t: string) => t.includes('.data/test'))).toBe(
      false,
    );
  });
});
