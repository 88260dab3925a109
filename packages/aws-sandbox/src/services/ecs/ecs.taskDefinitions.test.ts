import {
  ClientException,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSandbox, type RunningSandbox } from '../../server';
import { sandboxClientConfig } from '../../testUtils';

/* RegisterTaskDefinition refuses what Fargate cannot run, in ECS's words. */

const fargate = (
  overrides: Partial<RegisterTaskDefinitionCommandInput>,
): RegisterTaskDefinitionCommandInput => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'web:1' }],
  ...overrides,
});

describe('RegisterTaskDefinition for Fargate', () => {
  let sb: RunningSandbox;
  let ecs: ECSClient;

  beforeAll(async () => {
    sb = await startSandbox({ speed: 0 });
    ecs = new ECSClient(sandboxClientConfig(sb));
  });
  afterAll(async () => {
    ecs.destroy();
    await sb.close();
  });

  it.each([
    ['256', '2048'],
    ['1024', '4096'],
    ['4096', '30720'],
    ['8192', '20480'],
    ['1 vCPU', '3 GB'],
  ])('registers cpu %s with memory %s', async (cpu, memory) => {
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand(fargate({ cpu, memory })),
    );
    expect(taskDefinition?.revision).toBeGreaterThan(0);
  });

  it.each([
    [
      'a memory size the CPU does not come with',
      { memory: '3072' },
      'No Fargate configuration exists for given values: 256 CPU, 3072 memory',
    ],
    [
      'a CPU size Fargate does not have',
      { cpu: '300' },
      'No Fargate configuration exists for given values: 300 CPU, 512 memory',
    ],
    [
      'memory off the CPU size steps',
      { cpu: '8192', memory: '18432' },
      'No Fargate configuration exists for given values: 8192 CPU, 18432 memory',
    ],
    [
      'no task CPU',
      { cpu: undefined },
      "Fargate requires that 'cpu' be defined at the task level.",
    ],
    [
      'no task memory',
      { memory: undefined },
      "Fargate requires that 'memory' be defined at the task level.",
    ],
    [
      'the bridge network mode',
      { networkMode: 'bridge' as const },
      'Fargate only supports network mode ‘awsvpc’.',
    ],
    [
      'no network mode',
      { networkMode: undefined },
      'Fargate only supports network mode ‘awsvpc’.',
    ],
  ])('refuses %s', async (_case, overrides, message) => {
    const refused = ecs.send(
      new RegisterTaskDefinitionCommand(fargate(overrides)),
    );
    await expect(refused).rejects.toBeInstanceOf(ClientException);
    await expect(refused).rejects.toThrow(message);
  });

  it('leaves task definitions without FARGATE to the EC2 rules', async () => {
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'worker',
        containerDefinitions: [
          { name: 'worker', image: 'worker:1', memory: 128 },
        ],
      }),
    );
    expect(taskDefinition?.family).toBe('worker');
  });
});
