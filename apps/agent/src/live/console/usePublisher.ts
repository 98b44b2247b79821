import { MediaLink } from '@warmdesk/sdk/live';
import { useCallback, useEffect, useRef, useState } from 'react';
import { agentSocket } from '../../api/socket';
import { liveEmit } from './useLiveConsole';

export type PublishSource = 'camera' | 'screen';
export type PublishPhase = 'idle' | 'starting' | 'live' | 'failed';

/** The host's camera (or screen) published to the SFU, and its recording when the room records. */
export interface Publisher {
  phase: PublishPhase;
  source: PublishSource | null;
  stream: MediaStream | null;
  error: string | null;
  recording: boolean;
  start: (source: PublishSource, record: boolean) => Promise<void>;
  /** Stops sending; resolves with the recording (null when not recording). */
  stop: () => Promise<Blob | null>;
}

async function capture(source: PublishSource): Promise<MediaStream> {
  if (source === 'screen') return navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
  return navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: true,
  });
}

function recorderFor(stream: MediaStream): MediaRecorder | null {
  if (typeof MediaRecorder === 'undefined') return null;
  const type = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'].find((t) => MediaRecorder.isTypeSupported(t));
  return new MediaRecorder(stream, type ? { mimeType: type } : undefined);
}

/**
 * Publishes non-trickle (`live:publish` carries the complete offer), publishes again after the agent socket
 * reconnects (the server dropped the publisher with the old socket), and records locally with MediaRecorder.
 */
export function usePublisher(roomId: string): Publisher {
  const [phase, setPhase] = useState<PublishPhase>('idle');
  const [source, setSource] = useState<PublishSource | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const link = useRef<MediaLink | null>(null);
  const current = useRef<{ stream: MediaStream; source: PublishSource } | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const chunks = useRef<Blob[]>([]);

  const publish = useCallback(
    async (media: MediaStream, what: PublishSource) => {
      link.current?.close();
      const next = new MediaLink({
        signal: async (sdp) => (await liveEmit('live:publish', { roomId, sdp, source: what })).sdp,
        onState: (s) => {
          if (link.current !== next) return;
          if (s === 'connected') setPhase('live');
          if (s === 'failed') setPhase('failed');
        },
      });
      link.current = next;
      await next.start({ send: media });
    },
    [roomId],
  );

  const start = useCallback(
    async (what: PublishSource, record: boolean) => {
      setError(null);
      setPhase('starting');
      try {
        const media = await capture(what);
        for (const old of current.current?.stream.getTracks() ?? []) old.stop();
        current.current = { stream: media, source: what };
        setStream(media);
        setSource(what);
        // the screen share ended from the browser's own bar
        media.getVideoTracks()[0]?.addEventListener('ended', () => void stopRef.current());
        await publish(media, what);
        if (record && !recorder.current) {
          const rec = recorderFor(media);
          if (rec) {
            chunks.current = [];
            rec.ondataavailable = (e) => {
              if (e.data.size > 0) chunks.current.push(e.data);
            };
            rec.start(1000);
            recorder.current = rec;
            setRecording(true);
          }
        }
      } catch (e) {
        setPhase('failed');
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [publish],
  );

  const stop = useCallback(async (): Promise<Blob | null> => {
    link.current?.close();
    link.current = null;
    for (const track of current.current?.stream.getTracks() ?? []) track.stop();
    current.current = null;
    setStream(null);
    setSource(null);
    setPhase('idle');
    agentSocket().emit('live:unpublish', { roomId });
    const rec = recorder.current;
    recorder.current = null;
    setRecording(false);
    if (!rec || rec.state === 'inactive') return null;
    return new Promise<Blob>((resolve) => {
      rec.onstop = () => resolve(new Blob(chunks.current, { type: rec.mimeType || 'video/webm' }));
      rec.stop();
    });
  }, [roomId]);
  const stopRef = useRef(stop);
  stopRef.current = stop;

  useEffect(() => {
    const socket = agentSocket();
    const republish = () => {
      const now = current.current;
      if (now) publish(now.stream, now.source).catch((e: unknown) => setError(String(e)));
    };
    socket.on('connect', republish);
    return () => {
      socket.off('connect', republish);
    };
  }, [publish]);

  // Leaving the console stops the camera and tells the server (the room stays live until ended).
  useEffect(
    () => () => {
      if (current.current) agentSocket().emit('live:unpublish', { roomId });
      link.current?.close();
      for (const track of current.current?.stream.getTracks() ?? []) track.stop();
    },
    [roomId],
  );

  return { phase, source, stream, error, recording, start, stop };
}
