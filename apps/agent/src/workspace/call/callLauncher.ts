import type { Call, CallMedia } from '@warmdesk/protocol';

/*
 * The call code loads on first use (it is not part of the workspace's first load): these wrappers load it and
 * run the action.
 */
const load = () => import('./callActions');

export const startCall = (conversationId: string, media: CallMedia) =>
  load().then((m) => m.startCall(conversationId, media));
export const acceptCall = (call: Call, media: CallMedia) => load().then((m) => m.acceptCall(call, media));
export const declineCall = (callId: string) => load().then((m) => m.declineCall(callId));
export const resumeCall = (conversationId: string) => load().then((m) => m.resumeCall(conversationId));
/** Asks the customer to share their screen, in this tab's call. */
export const requestScreenShare = () => load().then((m) => m.currentSession()?.requestScreen());
