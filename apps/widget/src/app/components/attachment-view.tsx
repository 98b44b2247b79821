import type { AttachmentRef } from '@warmdesk/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../i18n.js';

const isAttachment = (v: unknown): v is AttachmentRef =>
  typeof v === 'object' && v !== null && typeof (v as AttachmentRef).url === 'string' && 'fileName' in v;

/**
 * Files need the customer's session header (never a token in the URL), so they are fetched and shown from a
 * blob URL: images inline, other files as a download link.
 */
export function Attachments({ items, token, t }: { items: unknown[]; token: string | null; t: Translate }) {
  return (
    <>
      {items.filter(isAttachment).map((a) => (
        <AttachmentView key={a.id} attachment={a} token={token} t={t} />
      ))}
    </>
  );
}

function AttachmentView({ attachment, token, t }: { attachment: AttachmentRef; token: string | null; t: Translate }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    let url: string | null = null;
    let cancelled = false;
    fetch(attachment.url, { headers: { 'x-warmdesk-session': token } })
      .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(String(res.status)))))
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachment.url, token]);
  const image = attachment.contentType.startsWith('image/');
  if (image)
    return src ? (
      <img class="wd-image" src={src} alt={attachment.fileName || t('image')} />
    ) : (
      <span class="wd-image wd-image-loading" role="img" aria-label={attachment.fileName} />
    );
  return (
    <a class="wd-file" href={src ?? undefined} download={attachment.fileName} aria-disabled={!src}>
      📎 {attachment.fileName} <small>({Math.ceil(attachment.byteSize / 1024)} KB)</small>
    </a>
  );
}
