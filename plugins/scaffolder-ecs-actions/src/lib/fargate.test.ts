import { fargateMemoryOptions, parseFargateSize } from './fargate';

describe('parseFargateSize', () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [4096, 30720],
    [8192, 20480],
    [16384, 122880],
  ])('accepts %d CPU units with %d MiB', (cpu, memory) => {
    expect(parseFargateSize({ cpu, memory })).toEqual({
      cpu: String(cpu),
      memory: String(memory),
    });
  });

  it('accepts the template size form', () => {
    expect(parseFargateSize({ size: '1024/2048' })).toEqual({
      cpu: '1024',
      memory: '2048',
    });
  });

  it('names memory when the pair is not offered', () => {
    expect(() => parseFargateSize({ cpu: 256, memory: 4096 })).toThrow(
      /^memory: Fargate does not offer 4096 MiB with 256 CPU units; valid memory is 512, 1024, 2048 MiB/,
    );
    expect(() => parseFargateSize({ cpu: '8192', memory: '18432' })).toThrow(
      /memory:.*steps of 4096/,
    );
  });

  it('names cpu when the CPU value is not offered', () => {
    expect(() => parseFargateSize({ cpu: 300, memory: 512 })).toThrow(
      /^cpu: Fargate does not offer 300/,
    );
  });

  it('names size for the single-field form', () => {
    expect(() => parseFargateSize({ size: '512/512' })).toThrow(/^size: /);
    expect(() => parseFargateSize({ size: 'large' })).toThrow(/^size must be/);
  });

  it('rejects non-numbers', () => {
    expect(() => parseFargateSize({ cpu: 'lots', memory: 512 })).toThrow(
      /cpu must be a positive whole number/,
    );
  });

  it('lists memory options', () => {
    expect(fargateMemoryOptions(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(fargateMemoryOptions(3)).toEqual([]);
  });
});
