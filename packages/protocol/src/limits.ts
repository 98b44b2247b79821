/** Limits enforced by the server and known to clients. */
export const limits = {
  messageContentMaxChars: 10_000,
  syncPageMax: 200,
  listPageMax: 100,
  labelMaxChars: 50,
  labelsMax: 20,
  nameMaxChars: 200,
  attributesMaxBytes: 16_384,
} as const;
