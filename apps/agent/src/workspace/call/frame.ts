/** The customer's current video frame as a JPEG, at the video's own resolution; null when there is no frame. */
export function captureFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) return Promise.resolve(null);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.drawImage(video, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}

/** Where a click landed on the picture itself (0..1 each way), not on the letterbox bars of `object-fit: contain`. */
export function relativePoint(
  video: HTMLVideoElement,
  clientX: number,
  clientY: number,
): { x: number; y: number } | null {
  const box = video.getBoundingClientRect();
  const { videoWidth, videoHeight } = video;
  if (box.width === 0 || box.height === 0 || videoWidth === 0 || videoHeight === 0) return null;
  const scale = Math.min(box.width / videoWidth, box.height / videoHeight);
  const shownWidth = videoWidth * scale;
  const shownHeight = videoHeight * scale;
  const x = (clientX - box.left - (box.width - shownWidth) / 2) / shownWidth;
  const y = (clientY - box.top - (box.height - shownHeight) / 2) / shownHeight;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  return { x, y };
}

/** The inverse: where a relative point sits in the element, in px from its top left corner. */
export function pointInElement(
  video: HTMLVideoElement,
  point: { x: number; y: number },
): { left: number; top: number } {
  const { clientWidth: width, clientHeight: height, videoWidth, videoHeight } = video;
  if (videoWidth === 0 || videoHeight === 0) return { left: point.x * width, top: point.y * height };
  const scale = Math.min(width / videoWidth, height / videoHeight);
  return {
    left: (width - videoWidth * scale) / 2 + point.x * videoWidth * scale,
    top: (height - videoHeight * scale) / 2 + point.y * videoHeight * scale,
  };
}
