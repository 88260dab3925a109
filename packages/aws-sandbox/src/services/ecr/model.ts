/* ECR's records, plain JSON for the state file (times as epoch milliseconds). */

export interface RepositoryRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  uri: string;
  createdAt: number;
  imageTagMutability: string;
  exclusionFilters: { filterType: string; filter: string }[];
  scanOnPush: boolean;
}

export interface ImageRecord {
  digest: string;
  manifest: string;
  mediaType: string;
  tags: string[];
  sizeInBytes: number;
  pushedAt: number;
}

export interface EcrState {
  repositories: RepositoryRecord[];
  /** repository ARN -> its images, oldest push first */
  images: Record<string, ImageRecord[]>;
}
