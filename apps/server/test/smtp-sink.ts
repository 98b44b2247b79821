import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { envelopeTo: string[]; mail: ParsedMail };

export type SmtpSink = {
  /** `smtp://127.0.0.1:<port>`, for WARMDESK_SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Refuse the next messages' data with a 550 (the mail server "did not accept" them). */
  refuse: (refusing: boolean) => void;
  close: () => Promise<void>;
};

/** A real SMTP server on loopback (no TLS, no auth) that keeps every message it accepts, parsed. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((a) => a.address);
      simpleParser(stream)
        .then((mail) => {
          if (refusing) return callback(Object.assign(new Error('rejected by the test sink'), { responseCode: 550 }));
          received.push({ envelopeTo, mail });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (value) => {
      refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
