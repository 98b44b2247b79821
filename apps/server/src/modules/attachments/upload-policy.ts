import type { Config } from '../../platform/config.js';
import { FILE_TYPES } from './file-types.js';

export type UploadPolicy = { maxBytes: number; contentTypes: string[] };

/** What the server accepts as an upload, for clients to check before sending (the widget's public config). */
export function uploadPolicy(config: Pick<Config, 'uploadMaxBytes'>): UploadPolicy {
  return {
    maxBytes: config.uploadMaxBytes,
    contentTypes: [...new Set(FILE_TYPES.map((t) => t.contentType))],
  };
}
