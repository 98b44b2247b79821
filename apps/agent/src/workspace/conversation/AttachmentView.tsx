import { FileOutlined } from '@ant-design/icons';
import type { AttachmentRef } from '@warmdesk/protocol';

export function isAttachmentRef(value: Record<string, unknown>): value is AttachmentRef & Record<string, unknown> {
  return typeof value.id === 'string' && typeof value.url === 'string' && typeof value.fileName === 'string';
}

const KB = 1024;
export const fileSize = (bytes: number) =>
  bytes >= KB * KB ? `${(bytes / KB / KB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / KB))} KB`;

/** An image inline (click opens it), video and audio with a player, any other file as a download link. */
export function AttachmentView({ attachment }: { attachment: AttachmentRef }) {
  if (attachment.contentType.startsWith('image/')) {
    return (
      <a href={attachment.url} target="_blank" rel="noreferrer" data-testid="attachment-image">
        <img
          src={attachment.url}
          alt={attachment.fileName}
          loading="lazy"
          style={{ display: 'block', maxWidth: 240, maxHeight: 240, borderRadius: 8 }}
        />
      </a>
    );
  }
  if (attachment.contentType.startsWith('video/') || attachment.contentType.startsWith('audio/')) {
    // Call recordings: played in place (a voice-only recording is audio in a webm).
    return (
      <div data-testid="attachment-media">
        <video
          src={attachment.url}
          controls
          preload="metadata"
          style={{ display: 'block', maxWidth: 320, maxHeight: 240, borderRadius: 8, background: '#000' }}
        >
          <track kind="captions" />
        </video>
        <a href={attachment.url} target="_blank" rel="noreferrer" download={attachment.fileName}>
          <FileOutlined /> {attachment.fileName} <span style={{ opacity: 0.7 }}>({fileSize(attachment.byteSize)})</span>
        </a>
      </div>
    );
  }
  return (
    <a
      href={attachment.url}
      target="_blank"
      rel="noreferrer"
      download={attachment.fileName}
      data-testid="attachment-file"
    >
      <FileOutlined /> {attachment.fileName} <span style={{ opacity: 0.7 }}>({fileSize(attachment.byteSize)})</span>
    </a>
  );
}
