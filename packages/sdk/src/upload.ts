import type { Message } from '@warmdesk/protocol';
import { CUSTOMER_SESSION_HEADER } from '@warmdesk/protocol/constants';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { errorFromBody, WarmdeskError } from './errors.js';
import { isMessage } from './guards.js';
import type { UploadOptions } from './types.js';

type Sent = { status: number; text: string };

/**
 * Sends a file into a conversation as one message (multipart). Retried on network failure with the same
 * clientMsgId, so the server stores it once. Uses XMLHttpRequest where there is one, for upload progress.
 */
export async function uploadFile(
  baseUrl: string,
  token: string,
  conversationId: string,
  file: Blob & { name?: string },
  options: UploadOptions = {},
): Promise<Message> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/widget/conversations/${encodeURIComponent(conversationId)}/attachments`;
  const clientMsgId = uuidv7();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const form = new FormData();
    form.append('clientMsgId', clientMsgId);
    if (options.caption) form.append('caption', options.caption);
    form.append('file', file, file.name ?? 'file');
    let sent: Sent;
    try {
      sent =
        typeof XMLHttpRequest === 'function'
          ? await viaXhr(url, token, form, options)
          : await viaFetch(url, token, form);
    } catch (error) {
      lastError = error;
      continue;
    }
    let body: unknown;
    try {
      body = sent.text ? (JSON.parse(sent.text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    if (sent.status >= 200 && sent.status < 300 && isMessage(body)) return body;
    throw errorFromBody(body, { status: sent.status, message: `upload failed with HTTP ${sent.status}` });
  }
  throw new WarmdeskError('network', 'the upload did not reach the server', { cause: lastError });
}

function viaXhr(url: string, token: string, form: FormData, options: UploadOptions): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader(CUSTOMER_SESSION_HEADER, token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new WarmdeskError('network', 'upload failed'));
    xhr.send(form);
  });
}

async function viaFetch(url: string, token: string, form: FormData): Promise<Sent> {
  const res = await fetch(url, { method: 'POST', headers: { [CUSTOMER_SESSION_HEADER]: token }, body: form });
  return { status: res.status, text: await res.text() };
}
