// Placeholder until the bot CLI lands (replaced by its owner): `warmdesk bot match|sentiment`.
export async function runBotCli(_args: string[]): Promise<number> {
  console.error('bot CLI not built yet');
  return 1;
}
