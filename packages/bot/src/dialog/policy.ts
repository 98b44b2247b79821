import type { MatchLevel } from '../types.js';
import { detectHandoffRequest } from './handoff-request.js';
import { pickSuggestion } from './pick-suggestion.js';
import { detectSmallTalk, type SmallTalk } from './small-talk.js';

/*
 * The bot's dialog policy: given the conversation's state, the customer's message and what the engine found,
 * what the bot does next. Pure; the server runs the engine, stores the state and sends the messages.
 *
 * Misses: a question the bot found nothing for (engine level `handoff`), a "not helpful" answer, and a
 * suggestion the customer passed over (the next message neither picks one nor is small talk). `maxMisses` in a
 * row hand the conversation to humans; an answer resets the count. A single unclear message never hands off on
 * its own (a typo or "你好" should not), unless the knowledge base is empty.
 */

export type HandoffReason = 'requested' | 'low_confidence' | 'misses' | 'angry' | 'entry';

export interface SuggestOption {
  entryId: string;
  question: string;
  score: number;
  /** The entry hands off after answering. */
  handoff?: boolean;
}

export interface DialogSettings {
  handoffKeywords: readonly string[];
  maxMisses: number;
  handoffOnAnger: boolean;
}

export interface DialogState {
  /** Misses in a row. */
  misses: number;
  /** Suggestions offered by the last turn, waiting for a pick. */
  options: SuggestOption[];
}

/** What a customer message is, before any matching. */
export type Intake =
  | { kind: 'handoff'; reason: 'requested' }
  | { kind: 'pick'; option: SuggestOption }
  | { kind: 'small_talk'; type: SmallTalk }
  | { kind: 'question' };

export function readCustomerMessage(text: string, state: DialogState, settings: DialogSettings): Intake {
  if (detectHandoffRequest(text, settings.handoffKeywords)) return { kind: 'handoff', reason: 'requested' };
  const option = pickSuggestion(text, state.options);
  if (option) return { kind: 'pick', option };
  const smallTalk = detectSmallTalk(text);
  if (smallTalk) return { kind: 'small_talk', type: smallTalk };
  return { kind: 'question' };
}

export type Reply =
  | { kind: 'answer'; entryId: string; score: number; thenHandoff: boolean }
  | { kind: 'suggest'; options: SuggestOption[] }
  | { kind: 'rephrase'; after: 'miss' | 'unhelpful' }
  | { kind: 'small_talk'; type: SmallTalk }
  | { kind: 'handoff'; reason: HandoffReason };

export interface Decision {
  reply: Reply;
  state: DialogState;
  /** Record the question for knowledge-base maintenance (not answered confidently). */
  unanswered: boolean;
}

export interface MatchSummary {
  level: MatchLevel;
  score: number;
  /** Best first, with the entries' titles. */
  candidates: SuggestOption[];
}

const SUGGESTIONS = 3;
const fresh = (misses: number): DialogState => ({ misses, options: [] });

function answer(option: SuggestOption): Decision {
  return {
    reply: { kind: 'answer', entryId: option.entryId, score: option.score, thenHandoff: option.handoff === true },
    state: fresh(0),
    unanswered: false,
  };
}

/** A number or question text picking one of the offered suggestions. */
export function decidePick(option: SuggestOption): Decision {
  return answer(option);
}

/** Small talk keeps the count and the offered suggestions as they are. */
export function decideSmallTalk(type: SmallTalk, state: DialogState): Decision {
  return { reply: { kind: 'small_talk', type }, state, unanswered: false };
}

/** A question, once the engine matched it (and, if the inbox asks, the anger classifier read it). */
export function decideQuestion(input: {
  state: DialogState;
  settings: DialogSettings;
  angry: boolean;
  match: MatchSummary;
  /** Entries in the index; 0: nothing could ever be answered. */
  indexSize: number;
}): Decision {
  const { state, settings, match } = input;
  if (input.angry && settings.handoffOnAnger) {
    return { reply: { kind: 'handoff', reason: 'angry' }, state: fresh(state.misses), unanswered: false };
  }
  const passedOver = state.options.length > 0 ? 1 : 0;
  const best = match.candidates[0];
  if (match.level === 'answer' && best) return answer({ ...best, score: match.score });
  if (input.indexSize === 0) {
    return { reply: { kind: 'handoff', reason: 'low_confidence' }, state: fresh(state.misses + 1), unanswered: true };
  }
  if (match.level === 'suggest' && match.candidates.length > 0) {
    const misses = state.misses + passedOver;
    if (misses >= settings.maxMisses) {
      return { reply: { kind: 'handoff', reason: 'misses' }, state: fresh(misses), unanswered: true };
    }
    const options = match.candidates.slice(0, SUGGESTIONS);
    return { reply: { kind: 'suggest', options }, state: { misses, options }, unanswered: true };
  }
  const misses = state.misses + passedOver + 1;
  if (misses >= settings.maxMisses) {
    return { reply: { kind: 'handoff', reason: 'low_confidence' }, state: fresh(misses), unanswered: true };
  }
  return { reply: { kind: 'rephrase', after: 'miss' }, state: fresh(misses), unanswered: true };
}

/** The customer said an answer did not help: a miss. */
export function decideUnhelpful(state: DialogState, settings: DialogSettings): Decision {
  const misses = state.misses + 1;
  if (misses >= settings.maxMisses) {
    return { reply: { kind: 'handoff', reason: 'misses' }, state: fresh(misses), unanswered: true };
  }
  return { reply: { kind: 'rephrase', after: 'unhelpful' }, state: fresh(misses), unanswered: true };
}
