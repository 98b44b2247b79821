import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

type Props = {
  stream: MediaStream | null;
  /** Only the video tracks (the local preview: the customer must not hear themselves). */
  videoOnly?: boolean;
  class: string;
  testid: string;
  videoRef?: { current: HTMLVideoElement | null };
};

/** A <video> playing a MediaStream; it is handed a fresh stream whenever the tracks change, so it notices. */
export function StreamVideo({ stream, videoOnly, class: className, testid, videoRef }: Props): JSX.Element {
  const own = useRef<HTMLVideoElement>(null);
  const ref = videoRef ?? own;
  const tracks = stream ? (videoOnly ? stream.getVideoTracks() : stream.getTracks()) : [];
  const key = tracks.map((t) => t.id).join();
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = tracks.length > 0 ? new MediaStream(tracks) : null;
    // Autoplay with sound needs a click first (the customer clicked to call or answer; not after a reload, when
    // the call comes back by itself): then it plays muted and the next click turns the sound on.
    video.play().catch(() => {
      video.muted = true;
      video.play().catch(() => undefined);
      document.addEventListener('pointerdown', () => (video.muted = videoOnly === true), { once: true });
    });
  }, [key]);
  return <video ref={ref} class={className} data-testid={testid} autoplay playsInline muted={videoOnly === true} />;
}

/** Where on the element a point of the video frame (0..1) is drawn, with `object-fit: contain` letterboxing. */
export function framePoint(video: HTMLVideoElement | null, x: number, y: number): { left: number; top: number } | null {
  if (!video || video.clientWidth === 0) return null;
  const width = video.clientWidth;
  const height = video.clientHeight;
  const frameWidth = video.videoWidth || width;
  const frameHeight = video.videoHeight || height;
  const scale = Math.min(width / frameWidth, height / frameHeight);
  return {
    left: video.offsetLeft + (width - frameWidth * scale) / 2 + x * frameWidth * scale,
    top: video.offsetTop + (height - frameHeight * scale) / 2 + y * frameHeight * scale,
  };
}
