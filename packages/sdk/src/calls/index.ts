export { type CallMediaState, CallPeer, type CallPeerOptions, type CallSignal } from './peer.js';
export { type CallClient, type CallPhase, CallSession, type CallSessionOptions, type CallView } from './session.js';
export { type StatLike, type StatsSample, type StatsSummary, summarizeStats } from './stats.js';
