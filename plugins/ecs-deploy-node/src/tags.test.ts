import { ConfigReader } from '@backstage/config';
import {
  entityTags,
  isTaggedForEntity,
  readTagKeys,
  tagRecord,
  toEcsTags,
} from './tags';

describe('tags', () => {
  it('builds entity tags with configured keys', () => {
    const keys = readTagKeys(
      new ConfigReader({ ecsDeploy: { tags: { entityKey: 'owner-entity' } } }),
    );
    expect(entityTags('component:default/a', 'dev', keys)).toEqual([
      { Key: 'owner-entity', Value: 'component:default/a' },
      { Key: 'environment', Value: 'dev' },
    ]);
    expect(keys.ownerKey).toBe('backstage.io/owner');
    expect(toEcsTags(entityTags('component:default/a', 'dev'))[0]).toEqual({
      key: 'backstage.io/entity',
      value: 'component:default/a',
    });
  });

  it('reads tags of either shape and checks ownership', () => {
    const tags = tagRecord([
      { key: 'backstage.io/entity', value: 'Component:default/A' },
      { Key: 'environment', Value: 'prod' },
    ]);
    expect(tags.environment).toBe('prod');
    expect(isTaggedForEntity(tags, 'component:default/a')).toBe(true);
    expect(isTaggedForEntity(tags, 'component:default/b')).toBe(false);
  });
});
