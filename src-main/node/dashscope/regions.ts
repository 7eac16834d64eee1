import type { Region } from '../../core/pricing';

/** Hosts from funasr-api.md §1.1. Keys are region-specific: a Beijing key fails in Singapore. */
export const REGION_HOSTS: Record<Region, { shared: string; workspace: (ws: string) => string }> = {
  beijing: { shared: 'https://dashscope.aliyuncs.com/api/v1', workspace: (ws) => `https://${ws}.cn-beijing.maas.aliyuncs.com/api/v1` },
  singapore: { shared: 'https://dashscope-intl.aliyuncs.com/api/v1', workspace: (ws) => `https://${ws}.ap-southeast-1.maas.aliyuncs.com/api/v1` },
};

export interface EndpointSettings {
  region: Region;
  workspaceId?: string | undefined;
  /** Explicit base URL (DASHSCOPE_BASE_URL); wins over the region preset. */
  baseUrl?: string | undefined;
}

export function resolveBaseUrl(s: EndpointSettings): string {
  if (s.baseUrl) return s.baseUrl.replace(/\/+$/, '');
  return s.workspaceId ? REGION_HOSTS[s.region].workspace(s.workspaceId) : REGION_HOSTS[s.region].shared;
}

/** A service on this machine can download from our loopback signed-URL server directly. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === 'localhost' || h === '[::1]' || h === '::1' || /^127\./.test(h);
  } catch {
    return false;
  }
}
