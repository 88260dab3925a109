import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import {
  createMockDirectory,
  createTestOptions,
  runAction,
} from '../__testUtils__/harness';
import { createInfraRepoCreateAction } from './infraRepoCreate';
import { examples } from './infraRepoCreate.examples';

describe('ecs:infra-repo:create examples', () => {
  const mockDir = createMockDirectory();

  it.each(examples)('runs: $description', async example => {
    mockDir.clear();
    const { options, integrations } = createTestOptions(
      'http://127.0.0.1:1',
      path.join(mockDir.path, 'repos'),
    );
    const action = createInfraRepoCreateAction({ ...options, integrations });
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);

    const out = await runAction(action, step.input, {
      workspacePath: path.join(mockDir.path, 'workspace'),
    });

    const catalogInfo = await fs.readFile(out.catalogInfoPath, 'utf8');
    expect(yaml.parse(catalogInfo).metadata.name).toBe(step.input.name);
    for (const env of step.input.environments) {
      const name = typeof env === 'string' ? env : env.name;
      expect(out.files).toContain(`environments/${name}/taskdef.json`);
    }
  });
});
