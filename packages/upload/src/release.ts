import { execFileSync } from 'node:child_process';
import type { Api } from './http';

/** The current git commit of `cwd`, or `undefined` (no git, not a checkout, or too slow). */
export function gitCommit(cwd: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    const sha = out.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

const releasePath = (org: string, version: string) =>
  `/api/0/organizations/${encodeURIComponent(org)}/releases/${encodeURIComponent(version)}/`;

/** Creates the release, or finds it there already (208, or 409 on some versions). */
export async function createRelease(api: Api, org: string, version: string, projects: string[]): Promise<boolean> {
  const { status } = await api({
    step: `create release ${version}`,
    method: 'POST',
    path: `/api/0/organizations/${encodeURIComponent(org)}/releases/`,
    json: { version, projects },
    allow: [409],
  });
  return status == 201;
}

export async function finalizeRelease(api: Api, org: string, version: string): Promise<void> {
  await api({ step: `finalize release ${version}`, method: 'PUT', path: releasePath(org, version), json: { dateReleased: new Date().toISOString() } });
}

export async function createDeploy(api: Api, org: string, version: string, deploy: { env: string; name?: string; url?: string }): Promise<void> {
  await api({
    step: `create deploy of ${version} to ${deploy.env}`,
    method: 'POST',
    path: `${releasePath(org, version)}deploys/`,
    json: { environment: deploy.env, name: deploy.name, url: deploy.url },
  });
}
