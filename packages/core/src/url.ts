/** Query and fragment parameters whose values are secrets, by name. */
const SECRET_NAME = /token|pass|secret|key|auth|session|sig|credential/i;

/**
 * The URL with credentials (`https://user:pass@host`) and the values of secret-looking
 * parameters replaced by `[Filtered]`. A `?` ends a value too, so `;v=1?token=x` or
 * `?next=/cb?token=x` cannot hide a token inside another value.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([\w+.-]+:\/\/)[^/?#@]*@/, '$1[Filtered]@')
    .replace(/([?&#;])([^=&#;]+)=([^&#;?]*)/g, (all, sep, name) => (SECRET_NAME.test(name) ? `${sep}${name}=[Filtered]` : all));
}
