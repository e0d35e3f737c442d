//! Glued words: spaces lost where italics or links were stripped, as in
//! `ajournalist andcommunicationsprofessional` → `a journalist and communications
//! professional` and `forExcellence inJournalism` → `for Excellence in Journalism`.
//!
//! Only a token no list knows is a candidate. It is split by a best-segmentation search
//! (a small dynamic program over the token's letters) in which every piece must be an
//! ordinary dictionary word; the best split is the most probable one (the sum of the
//! pieces' Zipf frequencies minus 9 each, i.e. the product of their probabilities, less
//! a penalty per piece for each lost space, so fewer and more frequent pieces win). The split is made only when it is clear:
//!
//! * single-letter pieces only `a` and `I`, two-letter pieces only from a short list of
//!   real two-letter words, three-letter pieces must be common;
//! * a lower-case piece must be an ordinary word, never a name: `mariaamkahn` is not
//!   "maria am kahn";
//! * a capital inside a token marks a split only after a lower-case prefix of real words
//!   (`forExcellence`), or before an acronym the lexicon knows (`theFO`) or the article
//!   prints on its own (`toldTNS` where it also says `TNS asked`); `iPhone`, `eBay` and
//!   capitalised camel case (`PowerPoint`, `McDonald`, `YouTube`) are never split;
//! * capitalised words glued into camel case (`RegionalSecurity`, `FarahSiddiqui`, and
//!   after a lower-case prefix `andtheBlackSea`) are split at their capitals when every
//!   part is a word or name of three letters or more, the whole is no word the lexicon
//!   knows (`YouTube`, `PowerPoint`) and the article does not print it twice (a brand it
//!   names); `McDonald`, `iPhone` have no such parts;
//! * a capitalised token is split only at the start of a sentence (`Thecouncil`);
//!   mid-sentence it is a name until proven otherwise, and a plausible split is only
//!   reported;
//! * when a second split is nearly as likely, nothing changes and the doubt is reported;
//! * in an article that lost spaces all over (`Vocabulary::document_is_glued`), names
//!   glued to words split like other glue: a common name before words
//!   (`Portugalispolitically`), a name no list holds that the article prints on its own
//!   before common words (`Ertekinsaid`, with `Ertekin` printed elsewhere), camel case holding glue or a name no list knows
//!   (`MondaybyStocznia`, `AnaCâmpean`; not `MacKenzie`), a word before any name
//!   (`inGdask`);
//! * a rare lower-case token only wordfreq lists (`Standing::Unverified`, e.g. `ofthe`)
//!   is split only when the split is thirty times more probable than the token, and
//!   never into a last piece `a` or `an` (wordfreq's `showa` is not `show a`).

use super::lexicon::Entry;
use super::token::{word_case, WordCase};
use super::vocabulary::{Standing, Vocabulary, SITE_WORD_ZIPF};
use super::Verdict;

/// Tokens shorter than this (in characters) are never split: too many short words fit.
const MIN_GLUED_CHARS: usize = 4;
/// Longest piece tried, in characters.
const MAX_PIECE_CHARS: usize = 24;
/// Each piece costs this many powers of ten: every lost space is one more defect, so a
/// split into fewer pieces is likelier (`within weeks` rather than `with in weeks`).
const PIECE_PENALTY: f32 = 1.5;
/// A split is clear when the runner-up is less likely by this many powers of ten.
const AMBIGUITY_MARGIN: f32 = 1.0;
/// The pieces of a split must average at least this Zipf frequency.
const MIN_MEAN_ZIPF: f32 = 3.0;
/// An unverified token is split only when the split beats it by this many powers of ten.
/// The product of the pieces' probabilities underrates a set phrase (`rather than`,
/// `how to`), while the real rare words wordfreq lists that happen to be made of words
/// (`statemen`, `sufferin`, `afeared`, `nother`) stay about a power of ten short of it.
const UNVERIFIED_MIN_GAIN: f32 = 1.5;
/// Confidence recorded for a split of an unknown token, and of an unverified one.
const SPLIT_CONFIDENCE: f32 = 0.9;
const UNVERIFIED_SPLIT_CONFIDENCE: f32 = 0.7;
/// Pieces of at least this many characters may be rarer words: few long rare words can
/// be made of the same letters (`pollinating by`, not `poll in a ting by`).
const LONG_PIECE_CHARS: usize = 8;
const MIN_LONG_PIECE_ZIPF: f32 = 2.0;
/// A piece the article vouches for must be at least this long and this frequent on the
/// web (see [`attested_zipf`]): short rare words are too many to trust an echo.
const MIN_ATTESTED_CHARS: usize = 5;
const MIN_ATTESTED_ZIPF: f32 = 2.0;
/// A camel-case part that is no dictionary word must be at least this frequent (a name).
const MIN_CAMEL_NAME_ZIPF: f32 = 2.5;
/// The only two-letter words a split may produce.
pub(crate) const TWO_LETTER_WORDS: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no",
    "of", "on", "or", "so", "to", "up", "us", "we",
];

/// Decides whether a token that is not known ([`Standing::Unknown`] or
/// [`Standing::Unverified`]) is words glued together, and how to split it.
pub(crate) fn split_glued(
    word: &str,
    standing: Standing,
    sentence_start: bool,
    vocabulary: &Vocabulary,
) -> Verdict {
    if let Some(pieces) = word_and_article(word, standing, vocabulary) {
        return split_into(word, &pieces, UNVERIFIED_SPLIT_CONFIDENCE);
    }
    if word.chars().count() < MIN_GLUED_CHARS {
        return Verdict::Keep;
    }
    match standing {
        Standing::Known => Verdict::Keep,
        Standing::Unverified(own_zipf) => match word_case(word) {
            Some(WordCase::Capitalised) if sentence_start && !vocabulary.document_names(word) => {
                split_capitalised_unverified(word, own_zipf, vocabulary)
            }
            _ => split_unverified(word, own_zipf, vocabulary),
        },
        Standing::Unknown => split_unknown(word, sentence_start, vocabulary),
    }
}

/// The words a lower-case token clearly splits into, if it is words glued together
/// (`androoftopgardens` → `and` `rooftop` `gardens`): the split `split_glued` would make
/// of an unknown token. The layout asks it of a line-end hyphen whose joined and
/// hyphenated spellings are both unknown, before any word is repaired.
pub fn clear_split_of_lower_case(word: &str, context: &super::WordContext) -> Option<Vec<String>> {
    if word.chars().count() < MIN_GLUED_CHARS || word_case(word) != Some(WordCase::Lower) {
        return None;
    }
    let vocabulary = Vocabulary::new(super::Lexicon::embedded(), context);
    match decide(word, best_splits(word, PieceRule::Ordinary, &vocabulary)) {
        Verdict::Replace { with, .. } => Some(with.split(' ').map(str::to_string).collect()),
        _ => None,
    }
}

/// A rare web word (`ofthe`): split only if overwhelmingly likelier; never reported.
fn split_unverified(word: &str, own_zipf: f32, vocabulary: &Vocabulary) -> Verdict {
    if word_case(word) != Some(WordCase::Lower) {
        return Verdict::Keep;
    }
    let splits = best_splits(word, PieceRule::Ordinary, vocabulary);
    if splits.first().is_some_and(ends_with_article) {
        return Verdict::Keep; // wordfreq's `showa`, `campa` are not `show a`, `camp a`
    }
    let overwhelming = splits.first().is_some_and(|best| {
        let unpenalised = best.log_probability + PIECE_PENALTY * best.pieces.len() as f32;
        unpenalised >= own_zipf - 9.0 + UNVERIFIED_MIN_GAIN
    });
    match decide(word, splits) {
        Verdict::Replace { with, reason, .. } if overwhelming => Verdict::Replace {
            with,
            reason: format!("{reason}, far more likely than the rare `{word}`"),
            confidence: UNVERIFIED_SPLIT_CONFIDENCE,
        },
        _ => Verdict::Keep,
    }
}

/// A rare web word capitalised at a sentence's start (`Hewas`, `Sheis`: a sentence's
/// first two words glued where a viewer spaced its spans): split as its lower-case
/// spelling would be, the capital kept on the first piece.
fn split_capitalised_unverified(word: &str, own_zipf: f32, vocabulary: &Vocabulary) -> Verdict {
    if let Some(rest) = after_pronoun_i(word, vocabulary) {
        return pronoun_and(word, rest, UNVERIFIED_SPLIT_CONFIDENCE);
    }
    let lower = word.to_lowercase();
    match split_unverified(&lower, own_zipf, vocabulary) {
        Verdict::Replace {
            with,
            reason,
            confidence,
        } => {
            let mut letters = with.chars();
            let first = letters.next().map(|c| c.to_uppercase().collect::<String>());
            Verdict::Replace {
                with: first.unwrap_or_default() + letters.as_str(),
                reason: reason.replace(&lower, word),
                confidence,
            }
        }
        _ => Verdict::Keep,
    }
}

/// A token no list knows.
fn split_unknown(word: &str, sentence_start: bool, vocabulary: &Vocabulary) -> Verdict {
    match word_case(word) {
        Some(WordCase::Lower) => decide(word, best_splits(word, PieceRule::Ordinary, vocabulary)),
        Some(WordCase::LowerThenUpper) => split_at_capital(word, vocabulary),
        Some(WordCase::CapitalisedCamel) => match camel_parts(word, vocabulary) {
            Some(parts) => Verdict::Replace {
                with: parts.join(" "),
                reason: format!(
                    "`{word}` is no word; its capitals start the words `{}`",
                    parts.join("` `")
                ),
                confidence: SPLIT_CONFIDENCE,
            },
            None if vocabulary.document_is_glued() => match glued_camel_parts(word, vocabulary) {
                Some(pieces) => split_into(word, &pieces, UNVERIFIED_SPLIT_CONFIDENCE),
                None => Verdict::Keep,
            },
            None => Verdict::Keep,
        },
        Some(WordCase::Capitalised) => {
            if let Some(rest) = after_pronoun_i(word, vocabulary).filter(|_| sentence_start) {
                return pronoun_and(word, rest, SPLIT_CONFIDENCE);
            }
            let splits = best_splits(word, PieceRule::NameThenOrdinary, vocabulary);
            // A sentence's capital says nothing of a name, but the same word printed
            // capitalised inside a sentence elsewhere does.
            if sentence_start
                && starts_with_ordinary_word(&splits, vocabulary)
                && !vocabulary.document_names(word)
            {
                decide(word, splits)
            } else if vocabulary.document_is_glued() && name_then_words(&splits, vocabulary) {
                // In an article that lost spaces all over, a name glued to the words
                // after it (`Portugalispolitically`) is split like any glue.
                decide(word, splits)
            } else {
                report_only(word, splits)
            }
        }
        _ => Verdict::Keep,
    }
}

/// Words that follow the pronoun `I` in running prose: auxiliaries, common verbs of
/// speech, thought and feeling, and the adverbs that stand between. A capitalised token
/// `I` + one of these (`Ihad`, `Iwill`) is the two words glued; a name that happens to
/// start so (`Iman`, `Ivan`) is left alone, as no verb follows it in its letters.
/// Sorted, for a binary search.
const AFTER_PRONOUN_I: &[&str] = &[
    "agree",
    "also",
    "always",
    "am",
    "asked",
    "believe",
    "came",
    "can",
    "could",
    "did",
    "do",
    "feel",
    "felt",
    "found",
    "get",
    "go",
    "got",
    "had",
    "hate",
    "have",
    "hope",
    "just",
    "knew",
    "know",
    "learned",
    "learnt",
    "left",
    "like",
    "liked",
    "love",
    "loved",
    "made",
    "may",
    "mean",
    "might",
    "miss",
    "must",
    "need",
    "needed",
    "never",
    "often",
    "only",
    "realised",
    "realized",
    "remember",
    "said",
    "saw",
    "see",
    "should",
    "started",
    "still",
    "suppose",
    "take",
    "think",
    "thought",
    "told",
    "tried",
    "try",
    "understand",
    "used",
    "want",
    "wanted",
    "was",
    "will",
    "wish",
    "would",
    "wrote",
];

/// The verdict that `word` is the pronoun `I` glued to the word `rest`.
fn pronoun_and(word: &str, rest: &str, confidence: f32) -> Verdict {
    Verdict::Replace {
        with: format!("I {rest}"),
        reason: format!("`{word}` is the pronoun `I` and `{rest}` glued together"),
        confidence,
    }
}

/// The word after the pronoun in `word` (`Ihad` → `had`) when `word` is `I` glued to a
/// word of [`AFTER_PRONOUN_I`] and is itself no dictionary word.
fn after_pronoun_i<'w>(word: &'w str, vocabulary: &Vocabulary) -> Option<&'w str> {
    let rest = word.strip_prefix('I')?;
    let follows = AFTER_PRONOUN_I.binary_search(&rest).is_ok();
    (follows && !vocabulary.entry(word).is_some_and(|e| e.in_dictionary())).then_some(rest)
}

/// The verdict that `word` is the words `pieces` glued together.
fn split_into(word: &str, pieces: &[String], confidence: f32) -> Verdict {
    Verdict::Replace {
        with: pieces.join(" "),
        reason: format!(
            "`{word}` is not a word; its letters are the words `{}`",
            pieces.join("` `")
        ),
        confidence,
    }
}

/// `forExcellence`: a lower-case prefix of real words, then one capitalised word.
fn split_at_capital(word: &str, vocabulary: &Vocabulary) -> Verdict {
    let Some(boundary) = word.find(char::is_uppercase) else {
        return Verdict::Keep;
    };
    let (prefix, suffix) = word.split_at(boundary);
    let is_acronym = match word_case(suffix) {
        Some(WordCase::Capitalised) => false,
        Some(WordCase::Upper) => true,
        // Capitalised words glued on (`andtheBlackSea`), each a word.
        Some(WordCase::CapitalisedCamel) => {
            let Some(parts) = camel_parts(suffix, vocabulary) else {
                return Verdict::Keep;
            };
            if vocabulary.document_repeats(word) {
                return Verdict::Keep;
            }
            let Some(best) = best_splits_allowing_one(prefix, vocabulary)
                .into_iter()
                .next()
            else {
                return Verdict::Keep;
            };
            let mut pieces = best.pieces;
            pieces.extend(parts.iter().map(|p| p.to_string()));
            return split_into(word, &pieces, SPLIT_CONFIDENCE);
        }
        // Other capitals inside look like a brand or code.
        _ => return Verdict::Keep,
    };
    // `thatIcould`: the pronoun and the word after it, glued on together.
    if let Some(rest) = after_pronoun_i(suffix, vocabulary) {
        if let Some(best) = best_splits_allowing_one(prefix, vocabulary).first() {
            let mut pieces = best.pieces.clone();
            pieces.extend(["I".to_string(), rest.to_string()]);
            return split_into(word, &pieces, SPLIT_CONFIDENCE);
        }
    }
    // Asked once: the article search behind it reads the whole article.
    let suffix_zipf_credit = suffix_word_credit(suffix, vocabulary);
    if is_acronym && suffix_zipf_credit.is_none() {
        // Only an acronym the lexicon knows (`theFO`), or one the article prints on its
        // own (`toldTNS` where it also says `TNS asked`), is split off.
        return Verdict::Keep;
    }
    let prefix_splits = best_splits_allowing_one(prefix, vocabulary);
    let Some(best) = prefix_splits.first() else {
        return Verdict::Keep;
    };
    let Some(credit) = suffix_zipf_credit else {
        if let Some(pieces) = prefix_then_capitalised(&prefix_splits, suffix, vocabulary) {
            return split_into(word, &pieces, UNVERIFIED_SPLIT_CONFIDENCE);
        }
        return Verdict::Report {
            reason: format!(
                "may be words glued together (`{} {suffix}`), but `{suffix}` is not a known word",
                best.pieces.join(" ")
            ),
        };
    };
    let mut splits = prefix_splits;
    for split in &mut splits {
        split.pieces.push(suffix.to_string());
        split.zipf_sum += credit;
    }
    decide(word, splits)
}

/// The least Zipf frequency of each word of a lower-case prefix that lets an unknown
/// capitalised part after it be split off as a name (`villagenear` + `Trabzon`).
const MIN_PREFIX_WORD_ZIPF: f32 = 3.5;

/// The words of a glued token whose capitalised part no list knows, when the lower-case
/// prefix clearly splits into common words (`prefix_splits`, best first): the
/// capitalised part is itself glue (`theSeaof`: `the Sea of`; `centralEuropesince`:
/// `central Europe since`), or else a name (`villagenearTrabzon`: `village near
/// Trabzon`; `saysSelin`: `says Selin`) that the web's lists or the article know.
/// Prose never glues a lower-case word to a
/// capitalised one; brands that do (`iPhone`, `eBay`) have a one-letter prefix.
fn prefix_then_capitalised(
    prefix_splits: &[Split],
    suffix: &str,
    vocabulary: &Vocabulary,
) -> Option<Vec<String>> {
    let best = prefix_splits.first()?;
    let clear = prefix_splits
        .get(1)
        .is_none_or(|next| best.log_probability - next.log_probability >= AMBIGUITY_MARGIN);
    let common = best.pieces.iter().all(|piece| {
        piece.chars().count() >= 2
            && vocabulary
                .entry(piece)
                .is_some_and(|entry| entry.zipf() >= MIN_PREFIX_WORD_ZIPF)
    });
    if !clear || !common || word_case(suffix) != Some(WordCase::Capitalised) {
        return None;
    }
    let mut pieces = best.pieces.clone();
    match decide(
        suffix,
        best_splits(suffix, PieceRule::NameThenOrdinary, vocabulary),
    ) {
        Verdict::Replace { with, .. } => pieces.extend(with.split(' ').map(str::to_string)),
        // A name: the web's lists or the article know it (`Zqxwland` is no name).
        // In an article that lost spaces all over, any name will do (`inGdask`).
        _ if suffix.chars().count() >= 3
            && suffix.chars().all(char::is_alphabetic)
            && (vocabulary.entry(suffix).is_some()
                || vocabulary.document_uses(suffix)
                || vocabulary.document_is_glued()) =>
        {
            pieces.push(suffix.to_string())
        }
        _ => return None,
    }
    Some(pieces)
}

/// `word` cut before each capital that follows a lower-case letter (`MondaybyStocznia` →
/// `Mondayby`, `Stocznia`).
fn capital_runs(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous_lower = false;
    for (at, c) in word.char_indices() {
        if c.is_uppercase() && previous_lower {
            parts.push(&word[start..at]);
            start = at;
        }
        previous_lower = c.is_lowercase();
    }
    parts.push(&word[start..]);
    parts
}

/// The capitalised words of a camel-case token that lost its spaces (`RegionalSecurity`),
/// if each is a word or name of three letters or more and the article does not print
/// the token twice.
fn camel_parts<'w>(word: &'w str, vocabulary: &Vocabulary) -> Option<Vec<&'w str>> {
    let parts = capital_runs(word);
    // A word, or a name frequent enough in running text to be no fragment (`Siddiqui`),
    // or one the article prints on its own (`MarkétaDvořáková` in the bio of an article
    // whose byline prints `Markéta Dvořáková`).
    let is_part = |part: &&str| {
        part.chars().count() >= 3
            && word_case(part) == Some(WordCase::Capitalised)
            && (is_word_or_common_name(part, vocabulary) || printed_name(part, vocabulary))
    };
    (parts.len() >= 2 && parts.iter().all(is_part) && !vocabulary.document_repeats(word))
        .then_some(parts)
}

/// Prepositions and verbs that an article follows, glued to it in a copy that lost
/// spaces all over (`witha`, `fromthe`; the word pass never looks at tokens shorter than
/// four letters, so `isa` stays).
const BEFORE_ARTICLE: &[&str] = &[
    "as", "at", "by", "for", "from", "has", "in", "into", "is", "of", "on", "to", "was", "with",
];
/// A token that is a word and an article glued must be rarer than this (Zipf) to split.
const MAX_WORD_AND_ARTICLE_ZIPF: f32 = 4.0;

/// `word` as a preposition or verb and the article after it (`witha` → `with a`), in an
/// article that lost spaces all over, when `word` is no dictionary word and rare on the
/// web (`witha` is a typing slip or web junk there, never a word of prose).
fn word_and_article(
    word: &str,
    standing: Standing,
    vocabulary: &Vocabulary,
) -> Option<Vec<String>> {
    let rare = match standing {
        Standing::Known => false,
        Standing::Unknown => true,
        Standing::Unverified(zipf) => zipf < MAX_WORD_AND_ARTICLE_ZIPF,
    };
    if !rare || word_case(word) != Some(WordCase::Lower) || !vocabulary.document_is_glued() {
        return None;
    }
    ["the", "an", "a"].iter().find_map(|article| {
        let before = word.strip_suffix(article)?;
        BEFORE_ARTICLE
            .contains(&before)
            .then(|| vec![before.to_string(), article.to_string()])
    })
}

/// Function words: a capitalised token that splits into a name and words among which
/// one of these stands (`Portugal is politically`) is glue, not a compound name
/// (`Kingsmere` is no `Kings mere`).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "had", "has", "have", "he",
    "in", "is", "it", "of", "on", "or", "said", "she", "that", "the", "they", "to", "was", "were",
    "which", "who", "will", "with",
];

/// The least Zipf frequency of the name a glued capitalised token opens with.
const MIN_GLUED_NAME_ZIPF: f32 = 3.0;

/// Whether the best of `splits` is a common name (`Bergen`, `Portugal`) and then words:
/// one of them a content word of four letters or more, and three pieces or more or a
/// function word among them (`Bergen city council`, `Portugal is politically`). A rare
/// name whose letters happen to hold only short words (`Tomasina`: `Tomas in a`) stays.
/// Or a name the article prints on its own, then common words: two at least of Zipf
/// [`MIN_WORD_ZIPF_AFTER_PRINTED_NAME`] or more, or one function word of three letters
/// or more (`Ertekin said`).
fn name_then_words(splits: &[Split], vocabulary: &Vocabulary) -> bool {
    splits.first().is_some_and(|best| {
        let rest = &best.pieces[1..];
        let is_function = |p: &String| FUNCTION_WORDS.contains(&p.as_str());
        let common_name = vocabulary
            .entry(&best.pieces[0])
            .is_some_and(|e| e.zipf() >= MIN_GLUED_NAME_ZIPF);
        let common_name_then_words = common_name
            && rest
                .iter()
                .any(|p| !is_function(p) && p.chars().count() >= 4)
            && (best.pieces.len() >= 3 || rest.iter().any(is_function));
        // A name the article prints on its own, then two common words at least
        // (`Kjærgaardwasbornin`) or one function word of three letters or more
        // (`Ertekinsaid`); not one other word after it, which may make a compound name
        // (`Kingsmere`, `Westfield` with `Kings` or `West` printed alone), nor a short
        // one (`Tarvason` with `Tarvas` printed alone), and not a token
        // the article prints whole elsewhere.
        let printed_name_then_words = printed_name(&best.pieces[0], vocabulary)
            && !vocabulary.document_repeats(&best.pieces.concat())
            && (rest.len() >= 2 || rest.iter().any(|p| is_function(p) && p.len() >= 3))
            && rest.iter().all(|p| {
                is_function(p)
                    || vocabulary
                        .entry(p)
                        .is_some_and(|e| e.zipf() >= MIN_WORD_ZIPF_AFTER_PRINTED_NAME)
            });
        common_name_then_words || printed_name_then_words
    })
}

/// The least Zipf frequency of each word glued after a name only the article prints
/// (`born` 5.1, `recorded` 4.7; not a rarer word such as `berg`, 3.3).
const MIN_WORD_ZIPF_AFTER_PRINTED_NAME: f32 = 4.0;

/// Whether `piece` is capitalised and printed on its own in the article (a name the lists
/// may lack: `Ertekin`, `Kjærgaard`).
fn printed_name(piece: &str, vocabulary: &Vocabulary) -> bool {
    word_case(piece) == Some(WordCase::Capitalised) && vocabulary.document_uses(piece)
}

/// Particles that open surnames written in camel case (`MacKenzie`, `FitzGerald`,
/// `VanDyke`): a camel-case token opening with one is a name, not glue.
const SURNAME_PARTICLES: &[&str] = &[
    "Abu", "Ben", "Bin", "Da", "Das", "De", "Del", "Della", "Den", "Der", "Des", "Di", "Dos", "Du",
    "Fitz", "Ibn", "La", "Las", "Le", "Los", "Mac", "Mc", "San", "Santa", "Ter", "Van", "Vander",
    "Ver", "Von",
];

/// The words of a camel-case token in an article that lost spaces all over, when
/// [`camel_parts`] finds no clean split: each capitalised part is a word or name, glue
/// itself (`Mondayby` → `Monday by`, `Forestto` → `Forest to`), or a name no list knows
/// (`Câmpean`), with at least one part a word or a known name and every part of three
/// letters or more (`McDonald`, `DiCaprio`, `LeBron` stay), the first no surname's
/// particle (`MacKenzie`, `FitzGerald`). A token the article prints twice is a name or a
/// brand and stays.
fn glued_camel_parts(word: &str, vocabulary: &Vocabulary) -> Option<Vec<String>> {
    let parts = capital_runs(word);
    if parts.len() < 2
        || SURNAME_PARTICLES.contains(&parts[0])
        || vocabulary.document_repeats(word)
        || parts.iter().any(|p| {
            p.chars().count() < 3
                || word_case(p) != Some(WordCase::Capitalised)
                || !p.chars().all(char::is_alphabetic)
        })
    {
        return None;
    }
    let mut pieces = Vec::new();
    let mut any_known = false;
    for part in parts {
        if is_word_or_common_name(part, vocabulary) {
            any_known = true;
            pieces.push(part.to_string());
            continue;
        }
        match decide(
            part,
            best_splits(part, PieceRule::NameThenOrdinary, vocabulary),
        ) {
            Verdict::Replace { with, .. } => {
                any_known = true;
                pieces.extend(with.split(' ').map(str::to_string));
            }
            _ => pieces.push(part.to_string()),
        }
    }
    any_known.then_some(pieces)
}

/// Whether a camel-case part is a word, or a name frequent enough in running text to be
/// no fragment (`Siddiqui`).
fn is_word_or_common_name(part: &str, vocabulary: &Vocabulary) -> bool {
    vocabulary.is_real_word(part)
        || vocabulary
            .entry(part)
            .is_some_and(|e| e.zipf() >= MIN_CAMEL_NAME_ZIPF)
}

/// Whether `word`, the capital part of a glued token, is a word, and the Zipf frequency
/// its piece adds to a split: its own for a capitalised word the lexicon or the site knows
/// (so that a common prefix and a common capitalised word, `olderGerman`, average as
/// common; nothing for an acronym), a site
/// word's for one only the article prints on its own; `None` when it is no word.
fn suffix_word_credit(word: &str, vocabulary: &Vocabulary) -> Option<f32> {
    if vocabulary.is_real_word(word) {
        // An acronym earns nothing: short capitals fit too much (`toldTN`).
        let capitalised = word_case(word) == Some(WordCase::Capitalised);
        Some(
            vocabulary
                .entry(word)
                .filter(|_| capitalised)
                .map_or(0.0, |e| e.zipf()),
        )
    } else if vocabulary.document_uses(word) {
        Some(SITE_WORD_ZIPF)
    } else {
        None
    }
}

/// Like [`best_splits`], but a prefix that is itself one word counts as a split of one.
fn best_splits_allowing_one(prefix: &str, vocabulary: &Vocabulary) -> Vec<Split> {
    let mut splits = best_splits(prefix, PieceRule::Ordinary, vocabulary);
    if let Some(zipf) = piece_zipf(prefix, PieceRule::Ordinary, true, vocabulary) {
        splits.push(Split {
            pieces: vec![prefix.to_string()],
            log_probability: zipf - 9.0 - PIECE_PENALTY,
            zipf_sum: zipf,
        });
        splits.sort_by(|a, b| b.log_probability.total_cmp(&a.log_probability));
        splits.truncate(2);
    }
    splits
}

/// Turns the two best splits into a verdict: split when clear, report when doubtful.
/// A split that breaks English's grammar of function words ([`grammar_penalty`]) loses
/// to one that keeps it, however the words' frequencies compare.
fn decide(word: &str, mut splits: Vec<Split>) -> Verdict {
    for split in &mut splits {
        split.log_probability -= grammar_penalty(&split.pieces);
    }
    splits.sort_by(|a, b| b.log_probability.total_cmp(&a.log_probability));
    let Some(best) = splits.first() else {
        return Verdict::Keep;
    };
    if best.pieces.len() < 2 || best.mean_zipf() < MIN_MEAN_ZIPF {
        return Verdict::Keep;
    }
    let joined = best.pieces.join(" ");
    if let Some(second) = splits.get(1) {
        if best.log_probability - second.log_probability < AMBIGUITY_MARGIN {
            return Verdict::Report {
                reason: format!(
                    "may be words glued together, but `{joined}` and `{}` are both likely",
                    second.pieces.join(" ")
                ),
            };
        }
    }
    Verdict::Replace {
        with: joined,
        reason: format!(
            "`{word}` is not a word; its letters are the words `{}`",
            best.pieces.join("` `")
        ),
        confidence: SPLIT_CONFIDENCE,
    }
}

/// How far below its frequencies a split's reading falls for breaking the grammar of
/// function words (log10): `an` before a consonant or `a` before a vowel (`found am
/// an`), `am` after anything but `I`, an article before another determiner or a
/// preposition (`A this peak`).
fn grammar_penalty(pieces: &[String]) -> f32 {
    const BROKEN: f32 = 3.0;
    const AFTER_NO_ARTICLE: &[&str] = &[
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "my", "your",
        "our", "their", "is", "are", "was", "were", "of", "to", "and", "in", "on", "at", "am",
    ];
    let lower: Vec<String> = pieces.iter().map(|p| p.to_lowercase()).collect();
    let mut penalty = 0.0;
    for (n, pair) in lower.windows(2).enumerate() {
        let (word, next) = (pair[0].as_str(), pair[1].as_str());
        let next_first = next.chars().next().unwrap_or(' ');
        let vowel = matches!(next_first, 'a' | 'e' | 'i' | 'o');
        let broken = match word {
            "an" => !vowel && !matches!(next_first, 'u' | 'h'),
            "a" => vowel && !next.starts_with("one") && !next.starts_with("once"),
            "the" => AFTER_NO_ARTICLE.contains(&next),
            _ => false,
        } || ((word == "a" || word == "an") && AFTER_NO_ARTICLE.contains(&next))
            || (next == "am" && word != "i")
            || (n == 0 && word == "am");
        if broken {
            penalty += BROKEN;
        }
    }
    penalty
}

/// A capitalised token mid-sentence may be a name: a good split is only reported.
fn report_only(_word: &str, splits: Vec<Split>) -> Verdict {
    match splits.first() {
        Some(best) if best.pieces.len() >= 2 && best.mean_zipf() >= MIN_MEAN_ZIPF => {
            Verdict::Report {
                reason: format!(
                    "may be words glued together (`{}`), but a capitalised word may be a name",
                    best.pieces.join(" ")
                ),
            }
        }
        _ => Verdict::Keep,
    }
}

/// The first piece of the best split is an ordinary word (`The` of `Thecouncil`), not
/// only a name.
fn starts_with_ordinary_word(splits: &[Split], vocabulary: &Vocabulary) -> bool {
    splits.first().is_some_and(|best| {
        piece_zipf(&best.pieces[0], PieceRule::Ordinary, true, vocabulary).is_some()
    })
}

/// Which words may be pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceRule {
    /// Every piece an ordinary word.
    Ordinary,
    /// The first piece may be a name (it carries the token's capital); the rest ordinary.
    NameThenOrdinary,
}

/// One way to split a token.
#[derive(Debug, Clone, PartialEq)]
struct Split {
    pieces: Vec<String>,
    /// Sum over pieces of (Zipf − 9 − [`PIECE_PENALTY`]): log10 of the product of their
    /// probabilities and of the lost spaces'.
    log_probability: f32,
    zipf_sum: f32,
}

impl Split {
    fn mean_zipf(&self) -> f32 {
        self.zipf_sum / self.pieces.len() as f32
    }
}

/// A partial split ending at some position: its score and where its last piece began.
#[derive(Debug, Clone, Copy)]
struct Path {
    log_probability: f32,
    zipf_sum: f32,
    piece_start: usize,
    /// Which of the (up to two) paths ending at `piece_start` it extends.
    previous_rank: usize,
}

/// The two most probable splits of `word` into valid pieces, best first (fewer if fewer
/// exist). A split of one piece is not returned.
fn best_splits(word: &str, rule: PieceRule, vocabulary: &Vocabulary) -> Vec<Split> {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let positions = bounds.len();
    let possible_pieces = PossiblePieces::find(word, vocabulary);
    // paths[end] holds the best two ways to split word[..bounds[end]].
    let mut paths: Vec<Vec<Path>> = vec![Vec::new(); positions];
    for end in 1..positions {
        let first_start = end.saturating_sub(MAX_PIECE_CHARS);
        for start in first_start..end {
            if start > 0 && paths[start].is_empty() {
                continue;
            }
            let piece = &word[bounds[start]..bounds[end]];
            let Some(entry) = possible_pieces.entry(start, end, piece, vocabulary) else {
                continue;
            };
            let is_first = start == 0;
            if is_first && end == positions - 1 {
                continue; // the whole token is not a split
            }
            let Some(zipf) = piece_zipf_given(piece, entry, rule, is_first, vocabulary) else {
                continue;
            };
            let extend = |log_probability: f32, zipf_sum: f32, previous_rank: usize| Path {
                log_probability: log_probability + zipf - 9.0 - PIECE_PENALTY,
                zipf_sum: zipf_sum + zipf,
                piece_start: start,
                previous_rank,
            };
            let candidates: Vec<Path> = if is_first {
                vec![extend(0.0, 0.0, 0)]
            } else {
                paths[start]
                    .iter()
                    .enumerate()
                    .map(|(rank, p)| extend(p.log_probability, p.zipf_sum, rank))
                    .collect()
            };
            for candidate in candidates {
                keep_best_two(&mut paths[end], candidate);
            }
        }
    }
    (0..paths[positions - 1].len())
        .map(|rank| trace(word, &bounds, &paths, positions - 1, rank))
        .collect()
}

/// `a` and `an` go before a word: a split ending in one is not a glued pair.
fn ends_with_article(split: &Split) -> bool {
    split
        .pieces
        .last()
        .is_some_and(|last| last == "a" || last == "an")
}

/// Which spans of a token may be words, with their lexicon entries, found with one fst
/// walk per start position instead of one lookup per span (ASCII tokens; others look
/// every span up).
struct PossiblePieces {
    /// `words[start]` lists (end, entry) of the words starting at `start` (`None` for a
    /// site word the lexicon lacks); `None` means every span must be looked up.
    words: Option<Vec<WordEnds>>,
}

/// The (end, entry) of each word starting at one position of a token.
type WordEnds = Vec<(usize, Option<Entry>)>;

impl PossiblePieces {
    fn find(word: &str, vocabulary: &Vocabulary) -> PossiblePieces {
        if !word.is_ascii() {
            return PossiblePieces { words: None };
        }
        let lower = word.to_ascii_lowercase();
        let words = (0..lower.len())
            .map(|start| {
                let rest = &lower[start..lower.len().min(start + MAX_PIECE_CHARS)];
                let mut words: WordEnds = vocabulary
                    .lexicon
                    .word_prefixes(rest)
                    .into_iter()
                    .map(|(length, entry)| (start + length, Some(entry)))
                    .collect();
                // A name the article prints on its own may open a capitalised token
                // (`Ertekinsaid`), as [`name_or_word_zipf`] reads it.
                if start == 0 && word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    for end in 2..word.len() {
                        let listed = words.iter().any(|(e, _)| *e == end);
                        if !listed && vocabulary.document_uses(&word[..end]) {
                            words.push((end, None));
                        }
                    }
                }
                if !vocabulary.context.known_words.is_empty() {
                    for end in start + 1..=start + rest.len() {
                        let listed = words.iter().any(|(e, _)| *e == end);
                        if !listed && vocabulary.site_knows(&lower[start..end]) {
                            words.push((end, None));
                        }
                    }
                }
                words
            })
            .collect();
        PossiblePieces { words: Some(words) }
    }

    /// `Some(entry)` if `piece`, the characters `start..end` of the token, may be a word
    /// (the entry is `None` for a site word the lexicon lacks); `None` if it cannot be one.
    /// `start` and `end` count characters, which are bytes only in the ASCII table.
    fn entry(
        &self,
        start: usize,
        end: usize,
        piece: &str,
        vocabulary: &Vocabulary,
    ) -> Option<Option<Entry>> {
        match &self.words {
            Some(words) => words[start]
                .iter()
                .find(|(e, _)| *e == end)
                .map(|(_, entry)| *entry),
            None => Some(vocabulary.entry(piece)),
        }
    }
}

fn keep_best_two(paths: &mut Vec<Path>, candidate: Path) {
    paths.push(candidate);
    paths.sort_by(|a, b| b.log_probability.total_cmp(&a.log_probability));
    paths.truncate(2);
}

/// Rebuilds the split that ends at `end` with the given rank.
fn trace(word: &str, bounds: &[usize], paths: &[Vec<Path>], end: usize, rank: usize) -> Split {
    let last = paths[end][rank];
    let mut pieces = Vec::new();
    let (mut end, mut rank) = (end, rank);
    while end > 0 {
        let path = paths[end][rank];
        pieces.push(word[bounds[path.piece_start]..bounds[end]].to_string());
        end = path.piece_start;
        rank = path.previous_rank;
    }
    pieces.reverse();
    Split {
        pieces,
        log_probability: last.log_probability,
        zipf_sum: last.zipf_sum,
    }
}

/// The Zipf frequency of `piece` if it may be a piece of a split, else `None`.
fn piece_zipf(
    piece: &str,
    rule: PieceRule,
    is_first: bool,
    vocabulary: &Vocabulary,
) -> Option<f32> {
    piece_zipf_given(piece, vocabulary.entry(piece), rule, is_first, vocabulary)
}

/// [`piece_zipf`] when the lexicon's entry for `piece` is at hand.
fn piece_zipf_given(
    piece: &str,
    entry: Option<Entry>,
    rule: PieceRule,
    is_first: bool,
    vocabulary: &Vocabulary,
) -> Option<f32> {
    let mut chars = piece.chars();
    let first = chars.next()?;
    if chars.next().is_none() {
        return single_letter_zipf(first, is_first, vocabulary);
    }
    let length = piece.chars().count();
    if length == 2
        && !TWO_LETTER_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(piece))
    {
        return None;
    }
    let min_zipf = match length {
        3 => 3.0,
        LONG_PIECE_CHARS.. => MIN_LONG_PIECE_ZIPF,
        _ => 2.5,
    };
    let zipf = match (rule, is_first) {
        (PieceRule::NameThenOrdinary, true) => name_or_word_zipf(piece, entry, vocabulary),
        _ => vocabulary.ordinary_word_zipf_given(piece, entry),
    };
    match zipf {
        Some(zipf) => (zipf >= min_zipf).then_some(zipf),
        None => attested_zipf(piece, entry, vocabulary),
    }
}

/// A word too rare for the lists to vouch for (`dengue`, Zipf 2.9 and no dictionary
/// word) is still a piece when the web lists it and the article prints it on its own, in
/// lower case: the article vouches for it, as a site word ([`SITE_WORD_ZIPF`]).
fn attested_zipf(piece: &str, entry: Option<Entry>, vocabulary: &Vocabulary) -> Option<f32> {
    let listed = entry.is_some_and(|entry| entry.zipf() >= MIN_ATTESTED_ZIPF);
    if !listed || piece.chars().count() < MIN_ATTESTED_CHARS {
        return None;
    }
    let lower = piece.to_lowercase();
    vocabulary.document_uses(&lower).then_some(SITE_WORD_ZIPF)
}

/// Single letters are words only as `a` (or `A` opening a token) and `I`.
fn single_letter_zipf(letter: char, is_first: bool, vocabulary: &Vocabulary) -> Option<f32> {
    let allowed = letter == 'a' || letter == 'I' || (letter == 'A' && is_first);
    if !allowed {
        return None;
    }
    vocabulary
        .entry(&letter.to_string())
        .map(|entry| entry.zipf())
}

/// The Zipf frequency of a real word, names included (a dictionary-only word counts as 3).
fn name_or_word_zipf(piece: &str, entry: Option<Entry>, vocabulary: &Vocabulary) -> Option<f32> {
    if !vocabulary.is_real_word_given(piece, entry) {
        // A name no list holds that the article prints on its own (`Ertekin`).
        return printed_name(piece, vocabulary).then_some(super::vocabulary::SITE_WORD_ZIPF);
    }
    let zipf = entry.map_or(0.0, |entry| entry.zipf());
    Some(zipf.max(super::vocabulary::SITE_WORD_ZIPF))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::lexicon::Lexicon;
    use crate::clean::words::WordContext;

    fn split(word: &str, sentence_start: bool) -> Verdict {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        // Judged as unknown whatever the lexicon says, to test the rules themselves.
        split_glued(word, Standing::Unknown, sentence_start, &vocabulary)
    }

    #[test]
    fn non_ascii_tokens_are_split_by_characters_not_bytes() {
        // Regression: a multi-byte letter early in the token once made the splitter
        // slice inside a character and panic.
        for word in [
            "Wiśniewska",
            "wiśniewska",
            "ßstraße",
            "żółwiąteczko",
            "naïvecafé",
        ] {
            let _ = split(word, false);
            let _ = split(word, true);
        }
        assert_eq!(replaced("thecafé"), "the café");
    }

    fn replaced(word: &str) -> String {
        match split(word, false) {
            Verdict::Replace { with, .. } => with,
            other => panic!("{word}: expected a split, got {other:?}"),
        }
    }

    #[test]
    fn glued_lower_case_words_are_split() {
        assert_eq!(replaced("ajournalist"), "a journalist");
        assert_eq!(
            replaced("andcommunicationsprofessional"),
            "and communications professional"
        );
        assert_eq!(replaced("ofthegovernment"), "of the government");
        assert_eq!(replaced("ceasefireagreement"), "ceasefire agreement");
    }

    #[test]
    fn lower_case_prefix_glued_to_a_capitalised_word_is_split() {
        assert_eq!(replaced("forExcellence"), "for Excellence");
        assert_eq!(replaced("inJournalism"), "in Journalism");
        assert_eq!(replaced("theTaliban"), "the Taliban");
        // A common capitalised word counts its own frequency (the pair is common).
        assert_eq!(replaced("olderGerman"), "older German");
    }

    #[test]
    fn capitalised_token_is_split_only_at_a_sentence_start() {
        assert!(
            matches!(split("Thecouncil", true), Verdict::Replace { with, .. } if with == "The council")
        );
        assert!(matches!(split("Thecouncil", false), Verdict::Report { .. }));
    }

    #[test]
    fn a_sentence_opening_name_the_article_prints_mid_sentence_is_not_split() {
        let context = WordContext::default();
        let at_start = |paragraphs: &[&str]| {
            let document = super::super::ArticleText::new(paragraphs);
            let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&document);
            split_glued("Ferrandis", Standing::Unknown, true, &vocabulary)
        };
        let named = [
            "said spokesman Joaquín Ferrandis on Monday.",
            "Ferrandis called.",
        ];
        assert!(!matches!(at_start(&named), Verdict::Replace { .. }));
        // Only ever opening a sentence, it says nothing of a name.
        let opening = ["It was late. Ferrandis called.", "Ferrandis left."];
        assert!(matches!(at_start(&opening), Verdict::Replace { .. }));
    }

    #[test]
    fn common_words_glued_to_an_unknown_capitalised_part_are_split() {
        for (word, words) in [
            ("villagenearTrabzon", "village near Trabzon"),
            ("saysSelin", "says Selin"),
            ("theSeaof", "the Sea of"),
            ("centralEuropesince", "central Europe since"),
        ] {
            assert!(
                matches!(split(word, false), Verdict::Replace { with, .. } if with == words),
                "{word}: {:?}",
                split(word, false)
            );
        }
        // A one-letter prefix or a rare one is a brand or code, not glue.
        for word in ["iXandar", "eQuorum", "zaxQuint"] {
            assert!(
                !matches!(split(word, false), Verdict::Replace { .. }),
                "{word}"
            );
        }
    }

    #[test]
    fn the_pronoun_i_glued_to_its_verb_is_split() {
        assert!(AFTER_PRONOUN_I.windows(2).all(|w| w[0] < w[1]));
        assert!(
            matches!(split("thatIcould", false), Verdict::Replace { with, .. } if with == "that I could")
        );
        assert!(
            matches!(split("someoneIwill", false), Verdict::Replace { with, .. } if with == "someone I will")
        );
        assert!(matches!(split("Ihad", true), Verdict::Replace { with, .. } if with == "I had"));
        // Mid-sentence, or a name that starts with the letter: left alone.
        assert!(!matches!(split("Ihad", false), Verdict::Replace { .. }));
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        for name in ["Iman", "Ivan", "Imran"] {
            let standing = vocabulary.standing_at_sentence_start(name, vocabulary.entry(name));
            assert!(
                !matches!(
                    split_glued(name, standing, true, &vocabulary),
                    Verdict::Replace { .. }
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn a_rare_web_word_capitalised_at_a_sentence_start_splits_like_its_lower_case() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        for (word, words) in [("Hewas", "He was"), ("Sheis", "She is")] {
            let standing = vocabulary.standing_at_sentence_start(word, vocabulary.entry(word));
            assert!(matches!(standing, Standing::Unverified(_)), "{word}");
            assert_eq!(vocabulary.standing(word), Standing::Known, "{word}");
            assert!(
                matches!(split_glued(word, standing, true, &vocabulary),
                    Verdict::Replace { with, .. } if with == words),
                "{word}"
            );
            // Mid-sentence a capitalised rare word may be a name: kept.
            assert_eq!(
                split_glued(word, standing, false, &vocabulary),
                Verdict::Keep
            );
        }
    }

    #[test]
    fn names_brands_and_handles_are_not_split() {
        for word in [
            "mariaamkahn",
            "Akhundzada",
            "Baradar",
            "Yaqoob",
            "muhajireen",
            "Rawalpindi",
            "Kandahar",
            "Turkiye",
            "Azaz",
            "iPhone",
            "eBay",
            "McDonald",
            "McKinsey",
            "TTP",
        ] {
            for sentence_start in [false, true] {
                assert!(
                    !matches!(split(word, sentence_start), Verdict::Replace { .. }),
                    "{word} must not be split"
                );
            }
        }
        // Camel-case brands stay because the lexicon knows them as they are.
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        for word in [
            "YouTube",
            "JavaScript",
            "PowerPoint",
            "myFitnessPal",
            "WhatsApp",
        ] {
            let standing = vocabulary.standing(word);
            let verdict = split_glued(word, standing, false, &vocabulary);
            assert!(
                !matches!(verdict, Verdict::Replace { .. }),
                "{word}: {verdict:?}"
            );
        }
    }

    #[test]
    fn capitalised_words_glued_into_camel_case_are_split_unless_the_article_repeats_them() {
        assert_eq!(replaced("RegionalSecurity"), "Regional Security");
        assert_eq!(replaced("FarahSiddiqui"), "Farah Siddiqui");
        assert_eq!(replaced("andtheBlackSea"), "and the Black Sea");
        // A part that is no word, or shorter than three letters: a name or a brand.
        assert!(!matches!(
            split("ArcelorMittal", false),
            Verdict::Replace { .. }
        ));
        assert!(!matches!(
            split("LaGuardia", false),
            Verdict::Replace { .. }
        ));
        // Printed twice in the article: a brand it names.
        let context = WordContext::default();
        let document = ["GreenLeaf said so.", "Later GreenLeaf left."];
        let document = super::super::ArticleText::new(&document);
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&document);
        let verdict = split_glued("GreenLeaf", Standing::Unknown, false, &vocabulary);
        assert_eq!(verdict, Verdict::Keep);
        let once = ["GreenLeaf said so."];
        let once = super::super::ArticleText::new(&once);
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&once);
        let verdict = split_glued("GreenLeaf", Standing::Unknown, false, &vocabulary);
        assert!(matches!(verdict, Verdict::Replace { with, .. } if with == "Green Leaf"));
    }

    #[test]
    fn rare_web_words_are_split_only_when_overwhelmingly_likelier() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        let unverified = |word: &str| match vocabulary.standing(word) {
            Standing::Unverified(zipf) => {
                split_glued(word, Standing::Unverified(zipf), false, &vocabulary)
            }
            other => panic!("{word} is {other:?}"),
        };
        assert!(matches!(unverified("inthe"), Verdict::Replace { with, .. } if with == "in the"));
        // Real rare words, dialect and names that happen to be made of words stay.
        for word in ["statemen", "sufferin", "afeared", "nother"] {
            assert_eq!(unverified(word), Verdict::Keep, "{word}");
        }
        assert_eq!(
            split_glued("journalist", Standing::Known, true, &vocabulary),
            Verdict::Keep
        );
    }

    #[test]
    fn rare_web_words_never_split_before_an_article() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        let verdict = split_glued("showa", Standing::Unverified(2.3), false, &vocabulary);
        assert_eq!(verdict, Verdict::Keep);
        assert!(
            matches!(split("cancelleda", false), Verdict::Replace { with, .. } if with == "cancelled a")
        );
    }

    #[test]
    fn known_acronym_glued_after_a_word_is_split() {
        assert!(matches!(split("theFO", false), Verdict::Replace { with, .. } if with == "the FO"));
        assert!(!matches!(split("theZQXW", false), Verdict::Replace { .. }));
    }

    #[test]
    fn acronym_the_article_prints_alone_is_split_off() {
        let context = WordContext::default();
        let document = ["The minister toldTNS so.", "Later, TNS asked again."];
        let article = super::super::ArticleText::new(&document);
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&article);
        let glued = |word| split_glued(word, Standing::Unknown, false, &vocabulary);
        assert!(matches!(glued("toldTNS"), Verdict::Replace { with, .. } if with == "told TNS"));
        // Not printed alone in the article: only reported, as before.
        assert!(!matches!(glued("toldTN"), Verdict::Replace { .. }));
        assert!(!matches!(split("toldTNS", false), Verdict::Replace { .. }));
        // A brand's capitals stay: `iOS` has no word before its capitals.
        let brands = ["Apple shipped iOS today.", "iOS OS"];
        let brands = super::super::ArticleText::new(&brands);
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&brands);
        let verdict = split_glued("iOS", Standing::Unknown, false, &vocabulary);
        assert!(!matches!(verdict, Verdict::Replace { .. }), "{verdict:?}");
    }

    #[test]
    fn the_grammar_of_function_words_tells_equally_likely_splits_apart() {
        assert_eq!(replaced("foundaman"), "found a man");
        assert_eq!(
            grammar_penalty(&["found".into(), "am".into(), "an".into()]),
            3.0
        );
        assert_eq!(
            grammar_penalty(&["A".into(), "this".into(), "peak".into()]),
            3.0
        );
        assert_eq!(grammar_penalty(&["an".into(), "hour".into()]), 0.0);
        assert_eq!(grammar_penalty(&["a".into(), "one".into()]), 0.0);
        assert_eq!(grammar_penalty(&["I".into(), "am".into()]), 0.0);
    }

    #[test]
    fn short_tokens_are_not_split() {
        assert_eq!(split("ina", false), Verdict::Keep);
    }

    #[test]
    fn unknown_capitalised_suffix_is_reported_not_split() {
        assert!(matches!(split("inZqxwland", false), Verdict::Report { .. }));
    }
}
