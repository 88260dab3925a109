import fs from 'node:fs';
import path from 'node:path';
import { createWorld } from './server';
import { serviceModules } from './services';

/* The README's operation lists must name every operation the sandbox serves. */

describe('README', () => {
  it('documents every registered operation', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../README.md'),
      'utf8',
    );
    const { definitions } = createWorld({ modules: serviceModules });
    const missing = definitions.flatMap(d =>
      Object.keys(d.operations)
        .filter(op => !new RegExp(`\\b${op}\\b`).test(readme))
        .map(op => `${d.name}:${op}`),
    );
    expect(missing).toEqual([]);
  });
});
