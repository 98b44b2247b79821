import { z } from 'zod';

/** An environment variable holding JSON (default `[]`), parsed before `.pipe()` checks its shape. */
export const zJsonEnv = (message: string) =>
  z
    .string()
    .default('[]')
    .transform((v, c) => {
      try {
        return JSON.parse(v || '[]') as unknown;
      } catch {
        c.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
    });

/** An optional IPv4 or IPv6 address; empty means unset. */
export const zOptionalIp = () =>
  z
    .union([z.literal(''), z.ipv4(), z.ipv6()])
    .optional()
    .transform((v) => v || undefined);
