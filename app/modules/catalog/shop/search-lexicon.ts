import { searchTerms } from "./search-terms";

/*
 * The words shoppers type, and what they mean in a catalog's words (decision 26). Pure: the search expands a query
 * with this table and the cooperative's own synonyms before full text runs, so the search stays one index scan.
 */

/** A phrase a synonym may stand for: one word or up to this many. */
export const MAX_PHRASE_WORDS = 3;
/** At most this many words in all the alternatives of a query, so a query's `to_tsquery` stays small. */
const MAX_QUERY_WORDS = 32;

/**
 * Built-in synonyms: what a shopper types (folded: lower case, no accents) on the left, what it may mean on the
 * right. Informal Indonesian spellings (a vowel dropped at the start of a short word, Javanese forms), and English
 * words of tourists for the Indonesian names of the goods. One way only: "kripik" also finds "keripik", and the
 * typed word is always searched too.
 */
export const builtInSynonyms: Readonly<Record<string, readonly string[]>> = {
  // Indonesian as it is typed: dropped vowels, Javanese and everyday forms.
  kripik: ["keripik"],
  kripek: ["keripik"],
  keripek: ["keripik"],
  krupuk: ["kerupuk"],
  kropok: ["kerupuk"],
  sambel: ["sambal"],
  sambek: ["sambal"],
  trasi: ["terasi"],
  peyek: ["rempeyek"],
  cemilan: ["camilan"],
  jajan: ["camilan"],
  jajanan: ["camilan"],
  ngemil: ["camilan"],
  cabe: ["cabai"],
  lombok: ["cabai"],
  pedes: ["pedas"],
  sirop: ["sirup"],
  jae: ["jahe"],
  kunir: ["kunyit"],
  tenggiri: ["tengiri"],
  asem: ["asam"],
  sotong: ["cumi"],
  slendang: ["selendang"],
  hem: ["kemeja"],
  tenunan: ["tenun"],
  parcel: ["parsel"],
  hampers: ["parsel", "keranjang"],
  "buah tangan": ["oleh"],
  cinderamata: ["oleh", "souvenir"],
  cenderamata: ["oleh", "souvenir"],
  suvenir: ["oleh", "souvenir"],
  // English, for tourists.
  "chili sauce": ["sambal"],
  "chilli sauce": ["sambal"],
  "chili paste": ["sambal"],
  "chilli paste": ["sambal"],
  "hot sauce": ["sambal"],
  sauce: ["sambal"],
  chili: ["cabai", "chilli"],
  chilli: ["cabai"],
  chile: ["cabai", "chilli"],
  "shrimp paste": ["terasi"],
  shrimp: ["udang"],
  prawn: ["udang"],
  prawns: ["udang"],
  cassava: ["singkong"],
  tapioca: ["singkong", "tapioka"],
  banana: ["pisang"],
  bananas: ["pisang"],
  coffee: ["kopi"],
  ginger: ["jahe"],
  turmeric: ["kunyit"],
  tamarind: ["asam"],
  tempeh: ["tempe"],
  taro: ["talas"],
  peanut: ["kacang"],
  peanuts: ["kacang"],
  mango: ["mangga"],
  mangoes: ["mangga"],
  grape: ["anggur"],
  grapes: ["anggur"],
  seaweed: ["rumput laut"],
  squid: ["cumi"],
  calamari: ["cumi"],
  anchovy: ["teri"],
  anchovies: ["teri"],
  tuna: ["tongkol"],
  mackerel: ["tengiri"],
  fish: ["ikan"],
  cracker: ["kerupuk", "rempeyek"],
  crackers: ["kerupuk", "rempeyek"],
  chips: ["keripik"],
  crisps: ["keripik"],
  snack: ["camilan", "keripik", "kerupuk"],
  snacks: ["camilan", "keripik", "kerupuk"],
  candy: ["manisan", "permen"],
  candies: ["manisan", "permen"],
  sweets: ["manisan", "permen", "dodol"],
  syrup: ["sirup"],
  drink: ["minuman"],
  drinks: ["minuman"],
  beverage: ["minuman"],
  spicy: ["pedas", "balado"],
  salty: ["asin"],
  salted: ["asin"],
  floss: ["abon"],
  tea: ["teh"],
  coconut: ["kelapa"],
  "palm sugar": ["gula aren"],
  peaberry: ["lanang"],
  powder: ["bubuk"],
  woven: ["tenun", "anyaman"],
  weaving: ["tenun", "anyaman"],
  weave: ["tenun", "anyaman"],
  handwoven: ["tenun", "anyaman"],
  cloth: ["kain"],
  fabric: ["kain"],
  textile: ["kain"],
  shawl: ["selendang", "syal"],
  scarf: ["syal", "selendang"],
  shirt: ["kemeja"],
  tablecloth: ["taplak"],
  shell: ["kerang"],
  shells: ["kerang"],
  seashell: ["kerang"],
  seashells: ["kerang"],
  lamp: ["lampu"],
  frame: ["bingkai"],
  keychain: ["gantungan kunci"],
  keyring: ["gantungan kunci"],
  "key chain": ["gantungan kunci"],
  curtain: ["tirai"],
  bag: ["tas"],
  tote: ["tas"],
  mat: ["tikar"],
  hat: ["topi"],
  basket: ["keranjang", "parsel"],
  hamper: ["parsel", "keranjang"],
  wallet: ["dompet"],
  purse: ["dompet"],
  pouch: ["dompet"],
  souvenir: ["oleh"],
  souvenirs: ["oleh"],
  gift: ["oleh"],
  gifts: ["oleh"],
  garlic: ["bawang"],
  shallot: ["bawang"],
  onion: ["bawang"],
  tissue: ["tisu"],
  handicraft: ["kerajinan"],
  crafts: ["kerajinan"],
};

/** What full text searches for one part of a query: any of its alternatives, each alternative all of its words. */
export interface QueryGroup {
  /** The shopper's words this part stands for. */
  typed: string[];
  /** The typed words first, then each synonym's words. */
  alternatives: string[][];
}

/** Synonyms by folded phrase: a cooperative's own list, merged over the built-in table. */
export type Synonyms = ReadonlyMap<string, readonly string[]>;

const REDUPLICATED = /^(\p{L}{2,})2$/u;

/**
 * The folded words of a query as the search reads them: `searchTerms`, with reduplication written with a 2 read
 * as the word itself ("oleh2" is "oleh-oleh", which full text holds as "oleh").
 */
export function queryWords(query: string): string[] {
  return [...new Set(searchTerms(query).map((word) => REDUPLICATED.exec(word)?.[1] ?? word))];
}

/** A phrase as the synonym table keys it: folded words joined by single spaces ("Chili  Sauce!" is "chili sauce"). */
export function foldPhrase(text: string): string {
  return queryWords(text).join(" ");
}

/** Every run of one to three words of a query: the phrases a synonym may be written for. */
export function phrasesOf(words: string[]): string[] {
  const phrases: string[] = [];
  for (let start = 0; start < words.length; start++) {
    for (let length = 1; length <= MAX_PHRASE_WORDS && start + length <= words.length; length++) {
      phrases.push(words.slice(start, start + length).join(" "));
    }
  }
  return phrases;
}

/** The alternatives a phrase has in the built-in table and the cooperative's list, as lists of words. */
function synonymsOf(phrase: string, own: Synonyms): string[][] | undefined {
  const meanings = [...(builtInSynonyms[phrase] ?? []), ...(own.get(phrase) ?? [])];
  return meanings.length === 0 ? undefined : meanings.map((meaning) => queryWords(meaning)).filter((words) => words.length > 0);
}

/**
 * A query's words as full-text parts: from the left, the longest phrase (three words, two, one) that has synonyms
 * becomes one part with the typed words and each synonym as alternatives; any other word is a part of its own.
 */
export function expandWords(words: string[], own: Synonyms = new Map()): QueryGroup[] {
  const groups: QueryGroup[] = [];
  let budget = MAX_QUERY_WORDS;
  for (let start = 0; start < words.length; ) {
    let length = Math.min(MAX_PHRASE_WORDS, words.length - start);
    let meanings: string[][] | undefined;
    for (; length > 1; length--) {
      meanings = synonymsOf(words.slice(start, start + length).join(" "), own);
      if (meanings) break;
    }
    if (length === 1) meanings = synonymsOf(words[start]!, own);
    const typed = words.slice(start, start + length);
    const alternatives = [typed];
    budget -= typed.length;
    for (const meaning of meanings ?? []) {
      const key = meaning.join(" ");
      if (budget < meaning.length || alternatives.some((alternative) => alternative.join(" ") === key)) continue;
      alternatives.push(meaning);
      budget -= meaning.length;
    }
    groups.push({ typed, alternatives });
    start += length;
  }
  return groups;
}

/** `to_tsquery('simple', …)` text for the parts: every part, any alternative, every word of it as a prefix. */
export function groupsTsQuery(groups: QueryGroup[]): string {
  const alternative = (words: string[]) => {
    const all = words.map((word) => `${word}:*`).join(" & ");
    return words.length > 1 ? `(${all})` : all;
  };
  return groups
    .map((group) => (group.alternatives.length > 1 ? `(${group.alternatives.map(alternative).join(" | ")})` : alternative(group.alternatives[0]!)))
    .join(" & ");
}

/** Letters a shopper may have left out of a short word: the Indonesian and English alphabet. */
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Words up to this long are "short": trigrams compare them badly, so a dropped letter is looked for instead. */
export const SHORT_WORD = 7;

/**
 * The words a short word would be with one letter put back ("trasi": "terasi", "atrasi", ...): what the cooperative's
 * word list is asked for when the word matches nothing. Empty for long words and words with digits.
 */
export function withOneLetterMore(word: string): string[] {
  if (word.length > SHORT_WORD || !/^[a-z]+$/.test(word)) return [];
  const candidates = new Set<string>();
  for (let at = 0; at <= word.length; at++) {
    for (const letter of LETTERS) candidates.add(word.slice(0, at) + letter + word.slice(at));
  }
  return [...candidates];
}
