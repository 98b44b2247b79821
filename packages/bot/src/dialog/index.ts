export { detectHandoffRequest } from './handoff-request.js';
export { customerLanguage, type DialogLanguage } from './language.js';
export { pickSuggestion } from './pick-suggestion.js';
export {
  type Decision,
  type DialogSettings,
  type DialogState,
  decidePick,
  decideQuestion,
  decideSmallTalk,
  decideUnhelpful,
  type HandoffReason,
  type Intake,
  type MatchSummary,
  type Reply,
  readCustomerMessage,
  type SuggestOption,
} from './policy.js';
export { detectSmallTalk, type SmallTalk } from './small-talk.js';
export { type BotTexts, botTexts, type HandoffSummary, handoffKeywordFor, handoffSummaryText } from './texts.js';
