import yaml from 'yaml';
import {
  Sandbox,
  createTestOptions,
  runAction,
  startTestSandbox,
} from '../__testUtils__/harness';
import { createEcrEnsureRepositoryAction } from './ecrEnsureRepository';
import { examples } from './ecrEnsureRepository.examples';

describe('ecs:ecr:ensure-repository examples', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it.each(examples)('runs: $description', async example => {
    const action = createEcrEnsureRepositoryAction(
      createTestOptions(sandbox.url).options,
    );
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(action.id);
    const out = await runAction(action, step.input);
    expect(out.repositoryArn).toMatch(
      new RegExp(`:repository/${step.input.name}$`),
    );
    expect(out.created).toBe(true);
  });
});
