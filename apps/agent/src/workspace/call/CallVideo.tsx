import { type CSSProperties, type MouseEvent, type RefObject, useEffect, useMemo, useRef } from 'react';

/**
 * A stream's video track in a <video>: a stream of its own per track, so a track that comes or goes later
 * (voice switched to video, camera switched) always shows. Sound plays elsewhere: the element is muted.
 */
export function CallVideo(props: {
  stream: MediaStream | null;
  testId: string;
  className: string;
  videoRef?: RefObject<HTMLVideoElement | null>;
  style?: CSSProperties;
  onClick?: (e: MouseEvent<HTMLVideoElement>) => void;
  label: string;
  /** The other side said it sends no video (camera off, voice): its last frame is not shown. */
  off?: boolean;
}) {
  const own = useRef<HTMLVideoElement | null>(null);
  const track = props.stream?.getVideoTracks().find((t) => t.readyState === 'live') ?? null;
  const shown = useMemo(() => (track ? new MediaStream([track]) : null), [track]);

  useEffect(() => {
    const el = own.current;
    if (!el || el.srcObject === shown) return;
    el.srcObject = shown;
    if (shown) el.play().catch(() => undefined);
  }, [shown]);

  return (
    <video
      ref={(el) => {
        own.current = el;
        if (props.videoRef) props.videoRef.current = el;
      }}
      className={props.className}
      style={{ ...props.style, visibility: shown && !props.off ? 'visible' : 'hidden' }}
      data-testid={props.testId}
      data-has-video={String(Boolean(shown) && !props.off)}
      aria-label={props.label}
      autoPlay
      playsInline
      muted
      onClick={props.onClick}
    />
  );
}
