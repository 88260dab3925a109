// Principals: IAM users and roles, STS sessions, organization policies.
const PRINCIPAL_ARN =
  /\barn:aws[a-z-]*:(?:iam|sts|organizations)::[^\s"'`,;()<>]*[^\s"'`,;()<>.]/g;
// Access key ids and the unique ids of users, roles and groups (AKIA…, AROA…).
const PRINCIPAL_ID =
  /\b(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|APKA)[A-Z0-9]{12,}\b/g;
const ACCOUNT_ID = /(?<!\d)\d{12}(?!\d)/g;
const MAX_LENGTH = 300;

/**
 * AWS's own text of an error, as far as a caller may see it. AWS describes
 * the principal that made the call (the backend's role, its session) and the
 * accounts involved, which say how the backend is set up rather than what
 * failed: principal ARNs and ids become `<principal>`, 12-digit account ids
 * `<account>`. The rest (the IAM action, the resource type and name, AWS's
 * reason) stays, cut to 300 characters.
 */
export function redactAwsText(text: string): string {
  const redacted = text
    .replace(PRINCIPAL_ARN, '<principal>')
    .replace(PRINCIPAL_ID, '<principal>')
    .replace(ACCOUNT_ID, '<account>');
  return redacted.length > MAX_LENGTH
    ? `${redacted.slice(0, MAX_LENGTH - 1)}…`
    : redacted;
}
