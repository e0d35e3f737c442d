//! Word-level repairs: glued words, typos and lost letters, judged against an embedded
//! lexicon, the site's dictionary and corrections, and the words of the site's other
//! articles.
//!
//! The interface the clean pipeline uses is [`repair_paragraph`]: it takes one paragraph
//! of prose and returns the repaired text plus every edit (with its byte offset in the
//! input paragraph) and every finding it would not change.
//!
//! One pass per file, applied to each token of the paragraph in this order:
//!
//! 1. [`site_words`]: the site's `corrections.toml`, exact replacements, first; its
//!    `dictionary.txt` words (and the other articles' words) are known words.
//! 2. [`spacing`]: `X:mariaamkahn` → `X: mariaamkahn`; the handle is then left alone.
//! 3. [`lost_letter`]: `Erdo an` → `Erdoğan`.
//! 4. [`glue`]: `ajournalist` → `a journalist`, `forExcellence` → `for Excellence`.
//! 5. [`typo`]: `Meanbwhile` → `Meanwhile`. Glue and typo both judge an unknown token;
//!    a clear correction beats a weak split (`presnet` is `present`, not `pres net`);
//!    between a strong split and a correction the far likelier wins (`carego` is
//!    `cargo`, not `care go`), and when neither is (`atrip`: `a trip` or `strip`) the
//!    token is reported.
//! 6. [`suspect`]: damaged-looking tokens that nothing could repair are reported.
//!
//! Most tokens of prose are ordinary lower-case words that none of these passes would
//! change: one the lexicon lists as a dictionary word or a frequent one is settled by its
//! lookup and skips them (`settles_lower_case_word`; a test holds the shortcut to the
//! full passes for every common word).
//!
//! The passes are conservative by construction: a token the dictionary, the site or
//! wordfreq (frequently, or capitalised) knows is never changed ([`lexicon`]); only a
//! rare lower-case word that wordfreq alone lists, whose web text holds misspellings
//! and glued pairs (`goverment`, `inthe`), may be repaired, and only by an overwhelmingly
//! likelier answer. Nothing with a digit, `@`, `#`, `/` or `.` inside (numbers, units,
//! URLs, e-mails, handles, hashtags) is touched; a capitalised word mid-sentence is a
//! name; a repair happens only when one clear answer exists, and a doubtful one becomes
//! a [`WordFinding`] instead. Every decision is made on the
//! paragraph as given, so each edit's offset points into the caller's text and the
//! punctuation around a token is preserved exactly.

pub mod glue;
pub mod lexicon;
pub mod lost_letter;
pub mod site_words;
pub mod spacing;
pub mod suspect;
mod token;
pub mod typo;
mod vocabulary;
mod word_tables;

use std::collections::HashSet;

pub use lexicon::Lexicon;
pub use site_words::load_site_words;

use lexicon::Entry;
use token::{tokenize, Token};
pub use vocabulary::ArticleText;
use vocabulary::{Standing, Vocabulary};

/// The word passes' vocabulary of the lexicon and `context` alone (no article), for a
/// question another stage asks of them (whether a token is a slip of a word).
pub(crate) fn slip_vocabulary(context: &WordContext) -> Vocabulary<'_> {
    Vocabulary {
        lexicon: Lexicon::embedded(),
        context,
        document: None,
    }
}

/// One change to a paragraph. `offset` is the byte offset of `before` in the paragraph
/// that was passed to [`repair_paragraph`].
#[derive(Debug, Clone, PartialEq)]
pub struct WordEdit {
    pub pass: &'static str,
    pub offset: usize,
    pub before: String,
    pub after: String,
    pub reason: String,
    pub confidence: f32,
}

/// A token that looks damaged but was left alone. `offset` as in [`WordEdit`].
#[derive(Debug, Clone, PartialEq)]
pub struct WordFinding {
    pub pass: &'static str,
    pub offset: usize,
    pub text: String,
    pub reason: String,
}

/// The result of [`repair_paragraph`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordRepairs {
    pub text: String,
    pub edits: Vec<WordEdit>,
    pub findings: Vec<WordFinding>,
}

/// Everything the word passes consult besides the embedded lexicon.
#[derive(Debug, Clone, Default)]
pub struct WordContext {
    /// Words the site accepts (`dictionary.txt`) and words its other articles use.
    /// Matched case-insensitively when stored in lower case, as [`Self::add_known_word`]
    /// does.
    pub known_words: HashSet<String>,
    /// Exact replacements from `corrections.toml`, applied first (longest first).
    pub corrections: Vec<(String, String)>,
}

impl WordContext {
    /// Accepts `word` (in any case) as a known word.
    pub fn add_known_word(&mut self, word: &str) {
        self.known_words.insert(word.to_lowercase());
    }

    /// Whether the site knows `word`, exactly or in lower case.
    pub fn knows(&self, word: &str) -> bool {
        if self.known_words.is_empty() {
            return false;
        }
        if self.known_words.contains(word) {
            return true;
        }
        // Only a word with capitals has another spelling to try (and to allocate).
        word.chars().any(char::is_uppercase) && self.known_words.contains(&word.to_lowercase())
    }
}

/// Both pieces of a split at least this frequent make it too strong for a typo
/// correction to overrule.
const STRONG_PIECE_ZIPF: f32 = 3.0;

/// How many powers of ten likelier a strong split or a typo correction must be than the
/// other to be chosen over it.
const SPLIT_OR_TYPO_MARGIN: f32 = 2.0;

/// How many tokens a repair used up: its own, or also the next (a lost letter joined
/// them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Consumed {
    One,
    Both,
}

/// What the lost-letter pass made of two tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LostLetter {
    /// Joined into one word.
    Joined,
    /// Maybe one word, but which is unclear: reported, and neither is a word of its own.
    Doubted,
    No,
}

/// Which of two competing repairs of one token was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    Split,
    Typo,
}

/// What a pass decided about a token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// Leave it as it is.
    Keep,
    /// Put `with` in its place.
    Replace {
        with: String,
        reason: String,
        confidence: f32,
    },
    /// Leave it, but report why it looks wrong.
    Report { reason: String },
}

/// Repairs the words of one paragraph of prose, using the embedded lexicon.
pub fn repair_paragraph(paragraph: &str, context: &WordContext) -> WordRepairs {
    repair_paragraph_with(paragraph, None, context, Lexicon::embedded())
}

/// Repairs the words of one paragraph of an article whose paragraphs are `document` (this
/// one among them): what the article prints on its own, such as an acronym, counts as a
/// word in it.
pub fn repair_article_paragraph(
    paragraph: &str,
    document: &ArticleText<'_>,
    context: &WordContext,
) -> WordRepairs {
    repair_paragraph_with(paragraph, Some(document), context, Lexicon::embedded())
}

/// Repairs the words of one paragraph of prose (of the article `document`, when known)
/// against the given lexicon.
pub fn repair_paragraph_with(
    paragraph: &str,
    document: Option<&ArticleText<'_>>,
    context: &WordContext,
    lexicon: &Lexicon,
) -> WordRepairs {
    let mut repairer = ParagraphRepairer {
        paragraph,
        vocabulary: match document {
            Some(document) => Vocabulary::new(lexicon, context).in_document(document),
            None => Vocabulary::new(lexicon, context),
        },
        edits: Vec::new(),
        findings: Vec::new(),
    };
    repairer.run(&context.corrections);
    repairer.finish()
}

/// The state of repairing one paragraph: decisions are collected as edits against the
/// original text and applied together at the end.
struct ParagraphRepairer<'a> {
    paragraph: &'a str,
    vocabulary: Vocabulary<'a>,
    /// Non-overlapping edits as (start, end, edit), in any order until `finish`.
    edits: Vec<(usize, usize, WordEdit)>,
    findings: Vec<WordFinding>,
}

impl<'a> ParagraphRepairer<'a> {
    fn run(&mut self, corrections: &[(String, String)]) {
        let claimed = self.apply_site_corrections(corrections);
        let tokens = tokenize(self.paragraph);
        let is_claimed = |token: &Token| {
            claimed
                .iter()
                .any(|&(start, end)| token.start < end && start < token.end())
        };
        let mut index = 0;
        while index < tokens.len() {
            let token = &tokens[index];
            index += 1;
            if token.core.is_empty() || is_claimed(token) {
                continue;
            }
            let next = tokens.get(index).filter(|next| !is_claimed(next));
            let after_label = index >= 2 && follows_contact_label(&tokens[index - 2]);
            if self.repair_token(token, next, after_label) == Consumed::Both {
                index += 1;
            }
        }
    }

    /// Passes 2 to 6 on one token (`next` is the token after it, unless the site's
    /// corrections claimed it; `after_label` says it follows `X:`). Returns whether the
    /// lost-letter pass joined `next` to it.
    fn repair_token(&mut self, token: &Token, next: Option<&Token>, after_label: bool) -> Consumed {
        // Most tokens are ordinary lower-case words: settled by one lookup.
        let plain_entry = is_plain_lower_case(token.core).then(|| {
            let entry = self.vocabulary.entry_of_lower_case(token.core);
            (entry, vocabulary::settles_lower_case_word(entry))
        });
        if let Some((_, true)) = plain_entry {
            return Consumed::One;
        }
        self.repair_token_fully(
            token,
            next,
            after_label,
            plain_entry.map(|(entry, _)| entry),
        )
    }

    /// [`Self::repair_token`] without its shortcut; `plain_entry` is the lexicon's entry
    /// for the core when it was already looked up.
    fn repair_token_fully(
        &mut self,
        token: &Token,
        next: Option<&Token>,
        after_label: bool,
        plain_entry: Option<Option<Entry>>,
    ) -> Consumed {
        if after_label {
            return Consumed::One; // the handle after `X: ` is not a word
        }
        if self.repair_glued_label(token) {
            return Consumed::One;
        }
        // One lookup (of the core without a possessive `’s`) serves every pass.
        let entry =
            plain_entry.unwrap_or_else(|| self.vocabulary.entry(strip_possessive(token.core)));
        let mut doubted = false;
        if let Some(next) = next {
            match self.repair_lost_letter(token, entry, next) {
                LostLetter::Joined => return Consumed::Both,
                LostLetter::Doubted => doubted = true,
                LostLetter::No => {}
            }
        }
        self.repair_word(token.core, entry, token.core_start, token.sentence_start);
        // The token after is maybe the rest of one word broken by a lost letter
        // (`J rgen`: Jürgen, Jørgen or Jörgen): no word of its own to correct
        // (`rgen` is not `gen`).
        if doubted {
            Consumed::Both
        } else {
            Consumed::One
        }
    }

    /// Pass 1: the site's exact replacements. Returns the byte ranges they cover, which
    /// the other passes leave alone.
    fn apply_site_corrections(&mut self, corrections: &[(String, String)]) -> Vec<(usize, usize)> {
        let found = site_words::find_corrections(self.paragraph, corrections);
        let mut claimed = Vec::with_capacity(found.len());
        for correction in found {
            claimed.push((correction.start, correction.end));
            self.edit(
                "site_words",
                correction.start,
                correction.end,
                correction.replacement.to_string(),
                "the site's corrections.toml replaces it".to_string(),
                1.0,
            );
        }
        claimed
    }

    /// Pass 2: `X:handle` gets its space. Returns whether the token was such a label.
    fn repair_glued_label(&mut self, token: &Token) -> bool {
        if token.text.ends_with(':') {
            if let Some(at) = spacing::label_glued_after_word(token.core) {
                let (word, label) = token.core.split_at(at);
                self.edit(
                    "spacing",
                    token.core_start,
                    token.core_end(),
                    format!("{word} {label}"),
                    format!("a space belongs before the label `{label}`"),
                    0.95,
                );
                return true;
            }
        }
        let Some(label_length) = spacing::glued_label_length(token.core) else {
            return false;
        };
        let (label, handle) = token.core.split_at(label_length);
        self.edit(
            "spacing",
            token.core_start,
            token.core_end(),
            format!("{label} {handle}"),
            format!("a space belongs after the label `{label}`"),
            0.95,
        );
        true
    }

    /// Pass 3: a letter lost between two tokens: whether they were joined, or may be
    /// one word but it is unclear which.
    fn repair_lost_letter(
        &mut self,
        left: &Token,
        entry: Option<Entry>,
        right: &Token,
    ) -> LostLetter {
        match lost_letter::join_lost_letter(left, entry, right, &self.vocabulary) {
            Verdict::Replace {
                with,
                reason,
                confidence,
            } => {
                self.edit(
                    "lost_letter",
                    left.core_start,
                    right.core_end(),
                    with,
                    reason,
                    confidence,
                );
                LostLetter::Joined
            }
            Verdict::Report { reason } => {
                let text = &self.paragraph[left.core_start..right.core_end()];
                self.find("lost_letter", left.core_start, text, reason);
                LostLetter::Doubted
            }
            Verdict::Keep => LostLetter::No,
        }
    }

    /// Passes 4 to 6 on one token's core (`entry` is the lexicon's entry for it without
    /// a possessive `’s`): hyphenated compounds part by part, a possessive set aside.
    fn repair_word(
        &mut self,
        word: &str,
        entry: Option<Entry>,
        offset: usize,
        sentence_start: bool,
    ) {
        if word.as_bytes().contains(&b'-') || (!word.is_ascii() && word.contains('\u{2010}')) {
            if self.vocabulary.standing_given(word, entry) == Standing::Known {
                return;
            }
            let mut part_offset = offset;
            for (number, part) in word.split(['-', '\u{2010}']).enumerate() {
                if !part.is_empty() {
                    let starts = sentence_start && number == 0;
                    self.repair_simple_word(part, None, part_offset, starts);
                }
                part_offset +=
                    part.len() + part_separator_len(word, part_offset - offset + part.len());
            }
            return;
        }
        self.repair_simple_word(word, Some(entry), offset, sentence_start);
    }

    /// Passes 4 to 6 on a word without hyphens; `entry`, when given, is the lexicon's
    /// entry for `word` without its possessive (looked up here otherwise).
    fn repair_simple_word(
        &mut self,
        word: &str,
        entry: Option<Option<Entry>>,
        offset: usize,
        sentence_start: bool,
    ) {
        let base = strip_possessive(word);
        if base.is_empty() {
            return;
        }
        let entry = match entry {
            Some(entry) => entry,
            None => self.vocabulary.entry(base),
        };
        let standing = if sentence_start {
            self.vocabulary.standing_at_sentence_start(base, entry)
        } else {
            self.vocabulary.standing_given(base, entry)
        };
        match standing {
            Standing::Known => {
                if is_miscased_ordinary_word(base, entry) {
                    let reason = "a capital letter inside an ordinary word looks like damage";
                    self.find("suspect", offset, base, reason.to_string());
                }
            }
            _ if !base.chars().all(char::is_alphabetic) => {
                // Digits, apostrophes, `@`, `/`, `.`: numbers, contractions, handles, URLs.
                if let Some(reason) = suspect::damage_in(base) {
                    self.find("suspect", offset, base, reason.to_string());
                }
            }
            Standing::Unverified(_) => {
                self.repair_unverified(base, offset, standing, sentence_start)
            }
            Standing::Unknown => self.repair_unknown(base, offset, sentence_start),
        }
    }

    /// A token no list knows: split it or correct it, else report it if it looks damaged.
    /// When both a split and a correction fit, a clear correction beats a weak split (a
    /// random slip often leaves letters that spell short rare words: `presnet` is not
    /// `pres net`); against a strong split (`atrip`: `a trip` or `strip`) the token is
    /// only reported, as it is when the correction is unclear.
    fn repair_unknown(&mut self, word: &str, offset: usize, sentence_start: bool) {
        let glued = glue::split_glued(word, Standing::Unknown, sentence_start, &self.vocabulary);
        let typo = typo::correct_slip(word, Standing::Unknown, sentence_start, &self.vocabulary);
        let typo = self.unless_a_broken_name(word, offset, typo);
        if let (Verdict::Replace { with: split, .. }, Verdict::Replace { with: fixed, .. }) =
            (&glued, &typo)
        {
            if self.is_strong_split(split) {
                match self.split_or_typo(split, fixed) {
                    Some(Repair::Split) => self.apply_verdict("glue", word, offset, glued),
                    Some(Repair::Typo) => self.apply_verdict("typo", word, offset, typo),
                    // In a copy that lost spaces all over, the lost space is the likelier.
                    None if self.vocabulary.document_is_glued() => {
                        self.apply_verdict("glue", word, offset, glued)
                    }
                    None => {
                        let reason =
                            format!("may be `{split}` glued together or a typo for `{fixed}`");
                        self.find("typo", offset, word, reason);
                        true
                    }
                };
                return;
            }
        }
        match (glued, typo) {
            (_, typo @ Verdict::Replace { .. }) => {
                self.apply_verdict("typo", word, offset, typo);
            }
            (Verdict::Replace { with: split, .. }, Verdict::Report { reason }) => {
                let reason = format!("may be `{split}` glued together; also {reason}");
                self.find("glue", offset, word, reason);
            }
            (glued @ (Verdict::Replace { .. } | Verdict::Report { .. }), _) => {
                self.apply_verdict("glue", word, offset, glued);
            }
            (Verdict::Keep, typo @ Verdict::Report { .. }) => {
                self.apply_verdict("typo", word, offset, typo);
            }
            (Verdict::Keep, Verdict::Keep) => {
                let far = typo::correct_far_slip(word, &self.vocabulary);
                let far = self.unless_a_broken_name(word, offset, far);
                if matches!(far, Verdict::Replace { .. }) {
                    self.apply_verdict("typo", word, offset, far);
                } else if let Some(reason) = suspect::damage_in(word) {
                    self.find("suspect", offset, word, reason.to_string());
                }
            }
        }
    }

    /// `typo`, unless it mends a lower-case token that follows a capital letter alone
    /// (not `A` or `I`): the rest of a name whose letter after its capital was lost to a
    /// space (`Siobhán D laigh` for Dálaigh), which a slip's mending would make a word of
    /// (`laugh`). Then it is only reported.
    fn unless_a_broken_name(&self, word: &str, offset: usize, typo: Verdict) -> Verdict {
        let Verdict::Replace { with, .. } = &typo else {
            return typo;
        };
        let after_lone_capital = word.starts_with(char::is_lowercase)
            && self.paragraph[..offset]
                .split_whitespace()
                .next_back()
                .is_some_and(|before| {
                    let mut letters = before.chars();
                    letters
                        .next()
                        .is_some_and(|c| c.is_uppercase() && !matches!(c, 'A' | 'I'))
                        && letters.next().is_none()
                });
        if !after_lone_capital {
            return typo;
        }
        Verdict::Report {
            reason: format!(
                "`{word}` is not a word: `{with}` is one slip away, but after a capital alone it may be the rest of a name that lost a letter"
            ),
        }
    }

    /// A split into two pieces that are both frequent words, which a typo correction
    /// cannot simply overrule.
    fn is_strong_split(&self, split: &str) -> bool {
        let pieces: Vec<&str> = split.split(' ').collect();
        pieces.len() == 2
            && pieces.iter().all(|piece| {
                self.vocabulary
                    .entry(piece)
                    .is_some_and(|entry| entry.zipf() >= STRONG_PIECE_ZIPF)
            })
    }

    /// Between a strong split and a typo correction, the one far likelier as a reading
    /// of the damaged token: the product of the pieces' probabilities against the
    /// corrected word's (`carego`: `cargo`, not `care go`; `sittying`: `sitting`).
    /// `None` when neither wins by [`SPLIT_OR_TYPO_MARGIN`] (`atrip`: `a trip` or `strip`).
    fn split_or_typo(&self, split: &str, fixed: &str) -> Option<Repair> {
        let log_probability = |word: &str| {
            let zipf = self
                .vocabulary
                .entry(&word.to_lowercase())
                .map_or(vocabulary::SITE_WORD_ZIPF, Entry::zipf);
            zipf - 9.0
        };
        let split_log_probability: f32 = split.split(' ').map(log_probability).sum();
        let typo_log_probability = log_probability(fixed);
        if typo_log_probability - split_log_probability >= SPLIT_OR_TYPO_MARGIN {
            Some(Repair::Typo)
        } else if split_log_probability - typo_log_probability >= SPLIT_OR_TYPO_MARGIN {
            Some(Repair::Split)
        } else {
            None
        }
    }

    /// A rare word only wordfreq lists: changed only when exactly one pass is sure; when
    /// both a split and a correction fit (`theif`: `the if` or `thief`), it is reported.
    fn repair_unverified(
        &mut self,
        word: &str,
        offset: usize,
        standing: Standing,
        sentence_start: bool,
    ) {
        let glued = glue::split_glued(word, standing, sentence_start, &self.vocabulary);
        let typo = typo::correct_slip(word, standing, false, &self.vocabulary);
        let typo = self.unless_a_broken_name(word, offset, typo);
        if let (Verdict::Keep | Verdict::Report { .. }, Verdict::Keep | Verdict::Report { .. }) =
            (&glued, &typo)
        {
            if let Standing::Unverified(own_zipf) = standing {
                let restored = lost_letter::restore_last_letter(word, own_zipf, &self.vocabulary);
                if self.apply_verdict("lost_letter", word, offset, restored) {
                    return;
                }
            }
        }
        match (glued, typo) {
            (glued @ Verdict::Replace { .. }, Verdict::Keep | Verdict::Report { .. }) => {
                self.apply_verdict("glue", word, offset, glued);
            }
            (Verdict::Keep | Verdict::Report { .. }, typo @ Verdict::Replace { .. }) => {
                self.apply_verdict("typo", word, offset, typo);
            }
            (glued @ Verdict::Replace { .. }, Verdict::Replace { .. })
                if self.vocabulary.document_is_glued() =>
            {
                self.apply_verdict("glue", word, offset, glued);
            }
            (Verdict::Replace { with: split, .. }, Verdict::Replace { with: fixed, .. }) => {
                let reason = format!("may be `{split}` glued together or a typo for `{fixed}`");
                self.find("typo", offset, word, reason);
            }
            _ => {}
        }
    }

    /// Records a verdict on `word` at `offset`. Returns whether anything was recorded.
    fn apply_verdict(
        &mut self,
        pass: &'static str,
        word: &str,
        offset: usize,
        verdict: Verdict,
    ) -> bool {
        match verdict {
            Verdict::Keep => false,
            Verdict::Replace {
                with,
                reason,
                confidence,
            } => {
                self.edit(pass, offset, offset + word.len(), with, reason, confidence);
                true
            }
            Verdict::Report { reason } => {
                self.find(pass, offset, word, reason);
                true
            }
        }
    }

    fn edit(
        &mut self,
        pass: &'static str,
        start: usize,
        end: usize,
        after: String,
        reason: String,
        confidence: f32,
    ) {
        let edit = WordEdit {
            pass,
            offset: start,
            before: self.paragraph[start..end].to_string(),
            after,
            reason,
            confidence,
        };
        self.edits.push((start, end, edit));
    }

    fn find(&mut self, pass: &'static str, offset: usize, text: &str, reason: String) {
        self.findings.push(WordFinding {
            pass,
            offset,
            text: text.to_string(),
            reason,
        });
    }

    /// Applies the edits to the paragraph.
    fn finish(mut self) -> WordRepairs {
        self.edits.sort_by_key(|(start, _, _)| *start);
        self.findings.sort_by_key(|finding| finding.offset);
        let mut text = String::with_capacity(self.paragraph.len() + 16);
        let mut copied_to = 0;
        for (start, end, edit) in &self.edits {
            text.push_str(&self.paragraph[copied_to..*start]);
            text.push_str(&edit.after);
            copied_to = *end;
        }
        text.push_str(&self.paragraph[copied_to..]);
        WordRepairs {
            text,
            edits: self.edits.into_iter().map(|(_, _, edit)| edit).collect(),
            findings: self.findings,
        }
    }
}

/// `tHe`: a lower-case word with capitals inside whose letters spell an ordinary word
/// the dictionary never writes that way (unlike `iPod` or `eBay`). `entry` is its
/// lexicon entry.
fn is_miscased_ordinary_word(word: &str, entry: Option<Entry>) -> bool {
    let bytes = word.as_bytes();
    let cheap_test = bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.iter().any(u8::is_ascii_uppercase);
    cheap_test
        && token::word_case(word) == Some(token::WordCase::LowerThenUpper)
        && entry.is_some_and(|entry| entry.is_ordinary_word() && !entry.has_mixed_case_form())
}

/// The token is a contact label followed by its colon and a space (`X:` in
/// `X: mariaamkahn`), so the next token is a handle.
fn follows_contact_label(token: &Token) -> bool {
    token.text.ends_with(':') && spacing::is_contact_label(token.core)
}

/// `word` is ASCII lower-case letters only (most words of prose).
fn is_plain_lower_case(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// `word` without a trailing possessive `'s` / `’s`.
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// The byte length of the hyphen at `at` in `word` (0 at the end).
fn part_separator_len(word: &str, at: usize) -> usize {
    word[at..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod corpus_tests;
