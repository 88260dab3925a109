/**
 * `service:type` of an ARN as the tagging API's ResourceTypeFilters name it:
 * `ecs:service`, `ecr:repository`, `codedeploy:deploymentgroup`,
 * `elasticloadbalancing:targetgroup`, `codepipeline:pipeline`.
 */
export function resourceTypeOf(
  arn: string,
):
  | { service: string; type?: string; region: string; accountId: string }
  | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service, region, accountId] = parts;
  const resource = parts.slice(5).join(':');
  // `type/name...` (ecs, ecr, elasticloadbalancing) or `type:name` (codedeploy)
  const typed = /^([a-z-]+)[/:]/.exec(resource);
  let type = typed?.[1];
  // CodePipeline ARNs are `arn:aws:codepipeline:<region>:<account>:<name>`.
  if (service === 'codepipeline' && type !== 'webhook') type = 'pipeline';
  return { service, type, region, accountId };
}

/** Whether an ARN matches a filter `service` or `service:type`. */
export function matchesResourceType(arn: string, filter: string): boolean {
  const parsed = resourceTypeOf(arn);
  if (!parsed) return false;
  const [service, type] = filter.split(':');
  if (service !== parsed.service) return false;
  return type === undefined || type === parsed.type;
}
