/**
 * Records a call on the agent's side: both voices mixed with WebAudio, and the customer's video when there is
 * any (a voice call makes an audio-only webm). Tracks added after the start (voice switched to video) are not
 * in the recording: MediaRecorder cannot take new tracks.
 */
export class CallRecorder {
  private readonly context = new AudioContext();
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly stopped: Promise<Blob>;
  readonly type: 'video/webm' | 'audio/webm';

  static supported(): boolean {
    return typeof MediaRecorder !== 'undefined' && typeof AudioContext !== 'undefined';
  }

  constructor(local: MediaStream | null, remote: MediaStream) {
    const mix = this.context.createMediaStreamDestination();
    for (const stream of [local, remote]) {
      const audio = stream?.getAudioTracks() ?? [];
      if (audio.length > 0) this.context.createMediaStreamSource(new MediaStream(audio)).connect(mix);
    }
    const video = remote.getVideoTracks().filter((t) => t.readyState === 'live');
    const tracks = [...mix.stream.getAudioTracks(), ...video.slice(0, 1)];
    this.type = video.length > 0 ? 'video/webm' : 'audio/webm';
    const codecs = video.length > 0 ? `${this.type};codecs=vp8,opus` : `${this.type};codecs=opus`;
    this.recorder = new MediaRecorder(new MediaStream(tracks), {
      mimeType: MediaRecorder.isTypeSupported(codecs) ? codecs : this.type,
    });
    this.stopped = new Promise<Blob>((resolve) => {
      this.recorder.onstop = () => {
        void this.context.close();
        resolve(new Blob(this.chunks, { type: this.type }));
      };
    });
    this.recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    this.recorder.start(1_000);
  }

  /** Stops (once) and gives the whole recording. */
  stop(): Promise<Blob> {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    return this.stopped;
  }
}
