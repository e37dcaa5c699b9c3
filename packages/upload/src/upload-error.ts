/**
 * A failed request to Sentry: which step of the upload, the HTTP status (absent for network
 * errors and timeouts), the URL and what the server answered. Never holds the auth token.
 */
export class UploadError extends Error {
  override readonly name = 'UploadError';

  constructor(
    /** The upload step, e.g. `create release` or `upload release file ~/static/js/app.js`. */
    readonly step: string,
    /** The HTTP status, or `undefined` when no response arrived. */
    readonly status: number | undefined,
    /** The request, as `METHOD url`. */
    readonly url: string,
    /** The server's answer (trimmed), or the network error. */
    readonly body: string,
    /** How many attempts were made. */
    readonly attempts = 1,
  ) {
    const what = status === undefined ? `no response (${body})` : `HTTP ${status}${body ? `: ${body}` : ''}`;
    super(`${step} failed: ${what} [${url}${attempts > 1 ? `, ${attempts} attempts` : ''}]`);
  }
}

/** Matches on `name` too: errors may come from another copy of this package. */
export const isUploadError = (e: unknown): e is UploadError =>
  e instanceof UploadError || (!!e && (e as Error).name == 'UploadError' && 'step' in (e as object));

/** The error's message, with a hint for the statuses that mean a setting is wrong. */
export function describeFailure(e: unknown): string {
  let message = (e as Error)?.message || String(e);
  if (isUploadError(e)) {
    if (e.status == 401) message += '. Check `authToken`: the server did not accept it';
    else if (e.status == 403) message += '. The token lacks access: it needs the project:releases scope for this org and project';
    else if (e.status == 404) message += '. Check `url`, `org` and `project`';
  }
  return message;
}
