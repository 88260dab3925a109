/**
 * Who is calling and where, from the request alone. The sandbox checks no
 * signature, but ARNs must carry the region the client signed for and a
 * stable account, so the SDK's own view of the world matches the sandbox's.
 */
export interface CallerInfo {
  region: string;
  accountId: string;
}

const CREDENTIAL_SCOPE =
  /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/;

export function callerInfo(
  headers: Record<string, string | string[] | undefined>,
  defaults: CallerInfo,
): CallerInfo {
  const authorization = headerValue(headers, 'authorization') ?? '';
  const match = CREDENTIAL_SCOPE.exec(authorization);
  const accessKeyId = match?.[1];
  const region = match?.[2] ?? defaults.region;

  const explicitAccount = headerValue(headers, 'x-sandbox-account');
  let accountId = defaults.accountId;
  if (explicitAccount && /^\d{12}$/.test(explicitAccount)) {
    accountId = explicitAccount;
  } else if (accessKeyId && /^\d{12}$/.test(accessKeyId)) {
    // Lets a test or the portal act in several accounts with nothing but
    // different static credentials per account.
    accountId = accessKeyId;
  }
  return { region, accountId };
}

export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
