import { parseInput } from './parseInput';

describe('parseInput', () => {
  const schema = {
    name: (z: any) => z.string(),
    port: (z: any) => z.number().int().max(65535, 'port must be at most 65535'),
    count: (z: any) => z.number().default(1),
  };

  it('fills defaults', () => {
    expect(parseInput(schema, { name: 'a', port: 80 })).toEqual({
      name: 'a',
      port: 80,
      count: 1,
    });
  });

  it('names the field that is wrong', () => {
    expect(() => parseInput(schema, { name: 'a', port: 70000 })).toThrow(
      'port: port must be at most 65535',
    );
    expect(() => parseInput(schema, { port: 1 })).toThrow(/^name: Required/);
  });
});

describe('parseInput with unknown fields', () => {
  it('refuses them, naming each', () => {
    const schema = { name: (z: any) => z.string() };
    expect(() =>
      parseInput(schema, { name: 'a', taskRoleArn: 'arn:aws:iam::1:role/x' }),
    ).toThrow(/^taskRoleArn: not an input of this action/);
  });
});
