import { createHash } from 'node:crypto';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageAlreadyExistsException,
  ImageNotFoundException,
  ImageTagAlreadyExistsException,
  ListImagesCommand,
  ListTagsForResourceCommand,
  PutImageCommand,
  RepositoryAlreadyExistsException,
  RepositoryNotFoundException,
  TagResourceCommand,
  paginateDescribeImages,
  paginateListImages,
} from '@aws-sdk/client-ecr';
import { startSandbox, type RunningSandbox } from '../../server';
import { sandboxClientConfig } from '../../testUtils';

const manifest = (n: number) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { digest: `sha256:${'c'.repeat(63)}${n}`, size: 100 },
    layers: [{ digest: `sha256:${'a'.repeat(63)}${n}`, size: 1000 + n }],
  });

describe('ECR', () => {
  let sb: RunningSandbox;
  let ecr: ECRClient;

  beforeEach(async () => {
    sb = await startSandbox();
    ecr = new ECRClient(sandboxClientConfig(sb));
  });
  afterEach(async () => {
    ecr.destroy();
    await sb.close();
  });

  it('creates repositories and describes them', async () => {
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'payments-api',
        imageTagMutability: 'IMMUTABLE',
        tags: [{ Key: 'environment', Value: 'dev' }],
      }),
    );
    expect(repository).toMatchObject({
      repositoryArn:
        'arn:aws:ecr:eu-west-1:111111111111:repository/payments-api',
      repositoryUri:
        '111111111111.dkr.ecr.eu-west-1.amazonaws.com/payments-api',
      imageTagMutability: 'IMMUTABLE',
    });
    expect(repository!.createdAt).toBeInstanceOf(Date);
    const { repositories } = await ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: ['payments-api'] }),
    );
    expect(repositories).toHaveLength(1);
    const { tags } = await ecr.send(
      new ListTagsForResourceCommand({
        resourceArn: repository!.repositoryArn,
      }),
    );
    expect(tags).toEqual([{ Key: 'environment', Value: 'dev' }]);
    await ecr.send(
      new TagResourceCommand({
        resourceArn: repository!.repositoryArn,
        tags: [{ Key: 'team', Value: 'payments' }],
      }),
    );
    await expect(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'payments-api' })),
    ).rejects.toBeInstanceOf(RepositoryAlreadyExistsException);
    await expect(
      ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })),
    ).rejects.toBeInstanceOf(RepositoryNotFoundException);
  });

  it('pushes images by manifest digest, retags them, and tells subscribers', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'web' }));
    const pushed: string[] = [];
    sb.world.ecr.onImagePushed(e =>
      pushed.push(`${e.repositoryName}:${e.imageTag}`),
    );

    const { image } = await ecr.send(
      new PutImageCommand({
        repositoryName: 'web',
        imageManifest: manifest(1),
        imageTag: 'abc1234',
      }),
    );
    const digest = `sha256:${createHash('sha256')
      .update(manifest(1))
      .digest('hex')}`;
    expect(image!.imageId).toEqual({
      imageDigest: digest,
      imageTag: 'abc1234',
    });

    // promotion by retag: fetch the manifest, put it again under a new tag
    const { images } = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'abc1234' }],
      }),
    );
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'web',
        imageManifest: images![0].imageManifest,
        imageTag: 'staging',
      }),
    );
    const { imageDetails } = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'web' }),
    );
    expect(imageDetails).toHaveLength(1);
    expect(imageDetails![0].imageTags).toEqual(['abc1234', 'staging']);
    expect(imageDetails![0].imageSizeInBytes).toBe(1001);
    expect(pushed).toEqual(['web:abc1234', 'web:staging']);
    expect(
      sb.world.ecr.describeImage(
        'arn:aws:ecr:eu-west-1:111111111111:repository/web',
        { imageTag: 'staging' },
      ),
    ).toEqual({
      registryId: '111111111111',
      repositoryName: 'web',
      imageDigest: digest,
      imageUri: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/web@${digest}`,
      imageTags: ['abc1234', 'staging'],
      imageSizeInBytes: 1001,
      imagePushedAt: expect.any(Number),
    });

    // a mutable tag moves to the newer image
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'web',
        imageManifest: manifest(2),
        imageTag: 'staging',
      }),
    );
    const staging = await ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'staging' }],
      }),
    );
    expect(staging.imageDetails![0].imageDigest).not.toBe(digest);

    await expect(
      ecr.send(
        new PutImageCommand({
          repositoryName: 'web',
          imageManifest: manifest(2),
          imageTag: 'staging',
        }),
      ),
    ).rejects.toBeInstanceOf(ImageAlreadyExistsException);
    await expect(
      ecr.send(
        new DescribeImagesCommand({
          repositoryName: 'web',
          imageIds: [{ imageTag: 'nope' }],
        }),
      ),
    ).rejects.toBeInstanceOf(ImageNotFoundException);
    const missing = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'web',
        imageIds: [{ imageTag: 'nope' }],
      }),
    );
    expect(missing.failures![0].failureCode).toBe('ImageNotFound');
  });

  it('refuses to move a tag in an IMMUTABLE repository', async () => {
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'ledger',
        imageTagMutability: 'IMMUTABLE',
      }),
    );
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'ledger',
        imageManifest: manifest(1),
        imageTag: 'prod',
      }),
    );
    await expect(
      ecr.send(
        new PutImageCommand({
          repositoryName: 'ledger',
          imageManifest: manifest(2),
          imageTag: 'prod',
        }),
      ),
    ).rejects.toBeInstanceOf(ImageTagAlreadyExistsException);
  });

  it('lists and describes images page by page', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'search' }));
    for (let i = 0; i < 7; i++) {
      await ecr.send(
        new PutImageCommand({
          repositoryName: 'search',
          imageManifest: manifest(i),
          imageTag: `c${i}`,
        }),
      );
    }
    await ecr.send(
      new PutImageCommand({
        repositoryName: 'search',
        imageManifest: manifest(9),
      }),
    );
    const details: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeImages(
      { client: ecr, pageSize: 3 },
      { repositoryName: 'search', filter: { tagStatus: 'TAGGED' } },
    )) {
      pages += 1;
      details.push(...page.imageDetails!.map(d => d.imageTags![0]));
    }
    expect(pages).toBe(3);
    expect(details).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);

    const ids = [];
    for await (const page of paginateListImages(
      { client: ecr, pageSize: 5 },
      { repositoryName: 'search' },
    )) {
      ids.push(...page.imageIds!);
    }
    expect(ids).toHaveLength(8);
    const untagged = await ecr.send(
      new ListImagesCommand({
        repositoryName: 'search',
        filter: { tagStatus: 'UNTAGGED' },
      }),
    );
    expect(untagged.imageIds).toHaveLength(1);
    expect(untagged.imageIds![0].imageTag).toBeUndefined();
  });
});
