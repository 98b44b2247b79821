/*
 * English normalisation: lower-case words, a light suffix stemmer (plural, -ing, -ed, final e) and a stopword list
 * for retrieval. Consistency between questions and queries matters more here than linguistic precision.
 */

const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being am do does did ' +
    'i me my mine we us our you your it its this that these those there here he she they them their his her ' +
    'so too very just also please pls plz can could would should will shall may might must have has had ' +
    'about into than then now some any all'
  ).split(' '),
);

const VOWELS = /[aeiouy]/;

export function isEnglishStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

function undouble(stem: string): string {
  const last = stem.charAt(stem.length - 1);
  if (stem.length > 2 && last === stem.charAt(stem.length - 2) && !'lsz'.includes(last) && !VOWELS.test(last)) {
    return stem.slice(0, -1);
  }
  return stem;
}

/** Light stemmer: `cards`/`card`, `charged`/`charging`/`charge` and `activation`/`activate` meet. */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3) {
    w = w.slice(0, -1);
  }
  if (w.endsWith('ing') && w.length > 5 && VOWELS.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && VOWELS.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ation') && w.length > 7) w = `${w.slice(0, -5)}at`;
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}
