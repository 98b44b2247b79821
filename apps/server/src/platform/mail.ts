import nodemailer from 'nodemailer';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';

export type MailMessage = { to: string; subject: string; text: string; html: string };

export type Mailer = {
  /** Hands the message to the SMTP relay; a refusal or an unreachable relay is logged and becomes an AppError. */
  send: (message: MailMessage) => Promise<void>;
};

const mailers = new WeakMap<AppContext, Mailer>();

/** The server's mailer, made on first use; undefined when WARMDESK_SMTP_URL is not set. */
export function mailerFor(ctx: AppContext): Mailer | undefined {
  const { smtpUrl, mailFrom } = ctx.config;
  if (!smtpUrl) return undefined;
  let mailer = mailers.get(ctx);
  if (!mailer) {
    mailer = smtpMailer(ctx, smtpUrl, mailFrom);
    mailers.set(ctx, mailer);
  }
  return mailer;
}

/** Like `mailerFor`, for features that cannot work without email: refuses with a clear message. */
export function requireMailer(ctx: AppContext): Mailer {
  const mailer = mailerFor(ctx);
  if (!mailer) {
    throw new AppError('bad_request', 'this server does not send email: WARMDESK_SMTP_URL is not configured', {
      reason: 'mail_not_configured',
    });
  }
  return mailer;
}

function smtpMailer(ctx: AppContext, url: string, from: string): Mailer {
  // Not pooled: each message opens and closes its own connection, so no idle socket keeps the process
  // alive and there is nothing to close when the server stops.
  const transport = nodemailer.createTransport(
    { url, pool: false, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from },
  );
  return {
    send: async (message) => {
      try {
        await transport.sendMail(message);
      } catch (err) {
        ctx.log.error({ err }, 'sending mail failed');
        throw new AppError('internal', 'the mail server did not accept the message');
      }
    },
  };
}
