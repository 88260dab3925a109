/** The query string that opens one deployment's detail on the tab. */
export function detailSearch(
  deploymentId: string,
  environment: string,
): string {
  const params = new URLSearchParams({ deployment: deploymentId, environment });
  return `?${params.toString()}`;
}
