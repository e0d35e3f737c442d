//! Words of other languages written with letters outside ASCII (`Bălănescu`,
//! `Ćwiklińska`, `Ploiești`): where [`super::names`] looks a damaged name up when neither
//! the article nor the embedded list of names holds it intact.
//!
//! The data is `data/foreign_words.fst`, an [`fst::Map`] from a lower-case word to a
//! packed value, built from wordfreq's frequency lists of 23 Latin-script languages by
//! `tools/names/foreign_words.py` (its docstring has the steps and the format): the
//! word's highest Zipf frequency × 100 in bits 0-9 and one bit per language whose list
//! holds it from bit 10 up. A newspaper's list holds the names it prints, which is what
//! makes it a lexicon of names as well as of words; it is compiled into the binary and
//! opened in place, without copying or parsing.
//!
//! A damaged copy is looked up by its skeleton (see [`super::name_keys::skeleton`]):
//! an [`fst::Automaton`] of its pieces leads a walk of the map's nodes (only the
//! transitions it takes are read) to the words whose ASCII letters are the copy's exactly and whose other letters stand, one run or more each, where the copy has a
//! space or a letter outside ASCII; optionally (a name whose first or last letter was lost
//! with no space left) a run before the first ASCII letter or after the last.

use std::sync::OnceLock;

use fst::Automaton;

const EMBEDDED: &[u8] = include_bytes!("../../../data/foreign_words.fst");

/// The languages of the value's bits, in bit order (as `tools/names/foreign_words.py`).
pub const LANGUAGES: &[&str] = &[
    "pl", "cs", "sk", "ro", "de", "tr", "vi", "es", "pt", "fr", "it", "hu", "sh", "sl", "lt", "lv",
    "fi", "sv", "nb", "da", "is", "nl", "ca",
];

/// The most words one look-up returns: a skeleton that fits more is no evidence at all.
const MOST_FITS: usize = 16;

/// One word of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignWord {
    /// In lower case, as listed.
    pub word: String,
    pub zipf: f32,
    /// One bit per language of [`LANGUAGES`] whose list holds the word.
    pub languages: u32,
}

impl ForeignWord {
    fn from_value(word: String, value: u64) -> ForeignWord {
        ForeignWord {
            word,
            zipf: (value & 0x3ff) as f32 / 100.0,
            languages: (value >> 10) as u32,
        }
    }
}

fn map() -> &'static fst::Map<&'static [u8]> {
    static MAP: OnceLock<fst::Map<&'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| {
        fst::Map::new(EMBEDDED).expect(
            "data/foreign_words.fst is a valid fst map (rebuild it with tools/names/foreign_words.py)",
        )
    })
}

/// The listed word spelt `word` (any case), if any.
pub fn exactly(word: &str) -> Option<ForeignWord> {
    let lower = word.to_lowercase();
    map()
        .get(&lower)
        .map(|value| ForeignWord::from_value(lower, value))
}

/// The least Zipf frequency of a word [`lost_its_first_letter`] gives: a word the papers of
/// its language print often (`ızmir` 3.15, `ålesund` 4.51), not a rare spelling.
const MIN_LOST_INITIAL_ZIPF: f32 = 3.0;

/// The listed word that `fragment` (lower-case ASCII letters) is when the one letter
/// outside ASCII that opened it was lost with no space left (`lesund` of Ålesund, `zmir`
/// of İzmir), the most frequent if several fit, if any is printed often enough.
pub fn lost_its_first_letter(fragment: &str) -> Option<ForeignWord> {
    if fragment.len() < 3 || !fragment.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    with_one_letter_more(fragment, true)
        .into_iter()
        .filter(|word| word.zipf >= MIN_LOST_INITIAL_ZIPF)
        .max_by(|a, b| a.zipf.total_cmp(&b.zipf))
}

/// `data/whole_at_edge.txt` (built by `tools/names/whole_at_edge.py`): sorted
/// `rest<TAB>longer` pairs, an ASCII word the lists print about as often as `longer`, a
/// word with one more letter outside ASCII at its end.
const WHOLE_AT_EDGE: &str = include_str!("../../../data/whole_at_edge.txt");

/// Whether `rest` (lower-case ASCII) is a word of its own beside `longer`, a listed word
/// it would be a copy of had `longer` lost its last letter, outside ASCII: the lists
/// print `troms` (the Norwegian county) about as often as `tromsø`, so a copy `Troms` is
/// no evidence of a lost `ø`.
pub fn is_whole_beside(rest: &str, longer: &str) -> bool {
    static PAIRS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| WHOLE_AT_EDGE.lines().collect());
    let pair = [rest, "\t", longer].concat();
    pairs.binary_search(&pair.as_str()).is_ok()
}

/// The listed words that are `fragment` (ASCII letters, in any case) with one letter
/// outside ASCII more before it (`first`: `lesund`, Ålesund) or after it (`pozna`: Poznań,
/// and the Polish verb poznać), as a copy that lost that letter with no space left prints
/// them.
pub fn with_one_letter_more(fragment: &str, first: bool) -> Vec<ForeignWord> {
    if fragment.is_empty() || !fragment.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Vec::new();
    }
    // The map's paths are followed byte by byte: the fragment's exactly, and every letter
    // outside ASCII (a lead byte, then its continuation bytes) at the edge asked for.
    // This reads far fewer nodes than a skeleton's walk with an optional run, which
    // also tries runs of several letters.
    let fst = map().as_fst();
    let root = (fst.root(), fst::raw::Output::zero(), Vec::new());
    let mut found = Vec::new();
    if first {
        for (node, out, letter) in letters_from(fst, root) {
            if let Some((node, out, word)) = follow(fst, (node, out, letter), fragment.as_bytes()) {
                if node.is_final() {
                    found.extend(found_word(word, out.cat(node.final_output())));
                }
            }
        }
    } else if let Some(start) = follow(fst, root, fragment.as_bytes()) {
        for (node, out, word) in letters_from(fst, start) {
            if node.is_final() {
                found.extend(found_word(word, out.cat(node.final_output())));
            }
        }
    }
    found
}

/// A place in the map: its node, the output so far, and the bytes read to it.
type Place<'f> = (fst::raw::Node<'f>, fst::raw::Output, Vec<u8>);

/// The place `bytes` (ASCII letters, read in lower case) lead to from `place`, if the map
/// has that path.
fn follow<'f>(
    fst: &'f fst::raw::Fst<&'static [u8]>,
    place: Place<'f>,
    bytes: &[u8],
) -> Option<Place<'f>> {
    let (mut node, mut out, mut word) = place;
    for byte in bytes.iter().map(u8::to_ascii_lowercase) {
        let transition = node.transition(node.find_input(byte)?);
        out = out.cat(transition.out);
        word.push(byte);
        node = fst.node(transition.addr);
    }
    Some((node, out, word))
}

/// The places one letter outside ASCII leads to from `place`: a lead byte (0xC2-0xF4),
/// then as many continuation bytes (0x80-0xBF) as it announces.
fn letters_from<'f>(fst: &'f fst::raw::Fst<&'static [u8]>, place: Place<'f>) -> Vec<Place<'f>> {
    let (node, out, word) = place;
    let mut letters = Vec::new();
    for lead in node
        .transitions()
        .filter(|t| (0xC2..=0xF4).contains(&t.inp))
    {
        let width = match lead.inp {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let mut bytes = word.clone();
        bytes.push(lead.inp);
        let mut partial = vec![(fst.node(lead.addr), out.cat(lead.out), bytes)];
        for _ in 1..width {
            let mut longer = Vec::new();
            for (node, out, bytes) in partial {
                for next in node
                    .transitions()
                    .filter(|t| (0x80..=0xBF).contains(&t.inp))
                {
                    let mut bytes = bytes.clone();
                    bytes.push(next.inp);
                    longer.push((fst.node(next.addr), out.cat(next.out), bytes));
                }
            }
            partial = longer;
        }
        letters.extend(partial);
    }
    letters
}

/// The listed word whose bytes and value a path read.
fn found_word(bytes: Vec<u8>, out: fst::raw::Output) -> Option<ForeignWord> {
    String::from_utf8(bytes)
        .ok()
        .map(|word| ForeignWord::from_value(word, out.value()))
}

/// Whether some listed word starts with the ASCII letters `opening` (read in lower case)
/// and then a letter outside ASCII (`ploie` of `ploiești`): where a copy may have broken a
/// word.
pub fn opens_word(opening: &str) -> bool {
    if opening.is_empty() {
        return false;
    }
    // The node the opening leads to has a transition on a lead byte outside ASCII (the
    // range `opening + [0xC0, 0xFF)` of the map, without building a stream for it).
    let fst = map().as_fst();
    let mut node = fst.root();
    for byte in opening.bytes().map(|b| b.to_ascii_lowercase()) {
        match node.find_input(byte) {
            Some(i) => node = fst.node(node.transition_addr(i)),
            None => return false,
        }
    }
    (0..node.len())
        .rev()
        .map(|i| node.transition(i).inp)
        .take_while(|&byte| byte >= 0xC0)
        .any(|byte| byte < 0xFF)
}

/// A skeleton's bytes as the walk reads them: `_` a run of letters outside ASCII, any other
/// byte that ASCII letter.
fn pieces(skeleton: &str) -> Vec<Piece> {
    skeleton
        .bytes()
        .map(|b| {
            if b == b'_' {
                Piece::Run
            } else {
                Piece::Letter(b)
            }
        })
        .collect()
}

/// The listed words a copy with this `skeleton` may stand for (at most `MOST_FITS`; none
/// when more fit). With `lost_first` (`lost_last`), also words with letters outside ASCII
/// before (after) the copy's ASCII letters.
pub fn fitting(skeleton: &str, lost_first: bool, lost_last: bool) -> Vec<ForeignWord> {
    let core = pieces(skeleton);
    if !core.iter().any(|p| matches!(p, Piece::Letter(_))) {
        return Vec::new();
    }
    let lead = lost_first && core.first() != Some(&Piece::Run);
    let trail = lost_last && core.last() != Some(&Piece::Run);
    let with = |before: bool, after: bool| {
        let mut p = Vec::with_capacity(core.len() + 2);
        if before {
            p.push(Piece::Run);
        }
        p.extend(core.iter().copied());
        if after {
            p.push(Piece::Run);
        }
        p
    };
    // The words of the core pattern, then with a run before, after, and both: one walk
    // for a pattern and the same with a run after (it tells its words apart).
    let mut found: [Vec<ForeignWord>; 4] = Default::default();
    let mut count = 0;
    let walks = [
        (false, !DEAD_END.with_borrow(|end| end.rules_out(skeleton))),
        (true, lead),
    ];
    for (before, wanted) in walks {
        if !wanted {
            continue;
        }
        let pattern = with(before, trail);
        let walked = search(&Skeleton(&pattern), trail, |word, value, in_last_run| {
            if count == MOST_FITS {
                return false;
            }
            count += 1;
            let word = String::from_utf8_lossy(word).into_owned();
            found[usize::from(before) + 2 * usize::from(in_last_run)]
                .push(ForeignWord::from_value(word, value));
            true
        });
        let Some(deepest) = walked else {
            return Vec::new();
        };
        if !before {
            DEAD_END.with_borrow_mut(|end| end.record(skeleton, deepest));
        }
    }
    found.concat()
}

thread_local! {
    /// The last skeleton walked from its first piece, and how far into it any word went.
    static DEAD_END: std::cell::RefCell<DeadEnd> = const {
        std::cell::RefCell::new(DeadEnd { skeleton: String::new(), deepest: 0 })
    };
}

/// How far a walk of `skeleton` got: no word of the map matches more than its first
/// `deepest` pieces. The names pass asks for a run of tokens and then for the same run
/// without its last token (`d_sseldorf_smells_of`, then `d_sseldorf_smells`): a shorter
/// skeleton whose pieces lie beyond `deepest` fits no word either, and is not walked
/// again.
struct DeadEnd {
    skeleton: String,
    deepest: usize,
}

impl DeadEnd {
    fn record(&mut self, skeleton: &str, deepest: usize) {
        self.skeleton.clear();
        self.skeleton.push_str(skeleton);
        self.deepest = deepest;
    }

    /// Whether no word can match all of `skeleton`, a first part of the one walked (it
    /// ends at a letter where that one goes on with a run).
    fn rules_out(&self, skeleton: &str) -> bool {
        self.deepest < skeleton.len()
            && self.skeleton.len() > skeleton.len()
            && self.skeleton.starts_with(skeleton)
            && self.skeleton.as_bytes()[skeleton.len()] == b'_'
            && !skeleton.ends_with('_')
    }
}

/// Calls `each` with every word of the map the `skeleton` matches and its value, in the
/// map's order, while `each` says to go on; false when it stopped. The same words as
/// `map().search(skeleton)` (a test holds them equal), but a node's transitions are read
/// only when the skeleton takes their byte: the stream reads every child of every node
/// it reaches, which cost the clean stage 40 % of its time on typical copy.
///
/// With `last_run_optional`, the skeleton's last piece is a run that may also be
/// missing: `each` is told whether a word has it (one walk instead of two, for a copy
/// that may have lost its last letters).
///
/// Returns how many pieces of the skeleton the furthest word matched (`None` when
/// `each` stopped the walk).
fn search(
    skeleton: &Skeleton<'_>,
    last_run_optional: bool,
    mut each: impl FnMut(&[u8], u64, bool) -> bool,
) -> Option<usize> {
    let fst = map().as_fst();
    let mut walk = SkeletonWalk {
        fst,
        skeleton,
        last_run_optional,
        word: Vec::with_capacity(32),
        deepest: 0,
    };
    let start = skeleton.start().expect("a skeleton starts");
    walk.from(fst.root(), start, fst::raw::Output::zero(), &mut each)
        .then_some(walk.deepest)
}

/// The depth-first walk of [`search`]: `word` holds the bytes from the root.
struct SkeletonWalk<'a, 'p> {
    fst: &'a fst::raw::Fst<&'static [u8]>,
    skeleton: &'a Skeleton<'p>,
    last_run_optional: bool,
    word: Vec<u8>,
    /// The most pieces of the skeleton a path has matched.
    deepest: usize,
}

impl SkeletonWalk<'_, '_> {
    /// Walks on from `node`, reached in state `at` with output `out`.
    fn from(
        &mut self,
        node: fst::raw::Node<'_>,
        at: At,
        out: fst::raw::Output,
        each: &mut impl FnMut(&[u8], u64, bool) -> bool,
    ) -> bool {
        let pieces = self.skeleton.0;
        // One byte only when the skeleton is at an ASCII letter: found directly.
        if let (0, Some(Piece::Letter(letter))) = (at.continuation, pieces.get(at.piece)) {
            let Some(i) = node.find_input(*letter) else {
                return true;
            };
            let next = At {
                piece: at.piece + 1,
                run_has_letter: false,
                continuation: 0,
            };
            return self.visit(&node, i, next, out, each);
        }
        // Otherwise a byte outside ASCII (a lead byte in a run, a continuation byte
        // inside a letter), or at a run's end the next piece's letter: the bytes outside
        // ASCII sort last, so they are read from the end, and the letter is found
        // directly.
        if at.continuation == 0 && at.run_has_letter {
            if let Some(Piece::Letter(letter)) = pieces.get(at.piece + 1) {
                if let Some(i) = node.find_input(*letter) {
                    let next = self.skeleton.step(at, *letter).expect("the run ends here");
                    if !self.visit(&node, i, next, out, each) {
                        return false;
                    }
                }
            }
        }
        let first_high = (0..node.len())
            .rev()
            .take_while(|&i| node.transition(i).inp >= 0x80)
            .last();
        for i in first_high.into_iter().flat_map(|from| from..node.len()) {
            let byte = node.transition(i).inp;
            if let Some(next) = self.skeleton.step(at, byte) {
                if !self.visit(&node, i, next, out, each) {
                    return false;
                }
            }
        }
        true
    }

    /// Follows `node`'s transition `i` to a state `next` the skeleton allows: reports the
    /// word there if it matches, then walks on.
    fn visit(
        &mut self,
        node: &fst::raw::Node<'_>,
        i: usize,
        next: At,
        out: fst::raw::Output,
        each: &mut impl FnMut(&[u8], u64, bool) -> bool,
    ) -> bool {
        let transition = node.transition(i);
        let out = out.cat(transition.out);
        let child = self.fst.node(transition.addr);
        self.word.push(transition.inp);
        self.deepest = self.deepest.max(next.piece);
        let mut going_on = true;
        if child.is_final() {
            let value = || out.cat(child.final_output()).value();
            let before_last_run = self.last_run_optional
                && next.piece + 1 == self.skeleton.0.len()
                && !next.run_has_letter
                && next.continuation == 0;
            if self.skeleton.is_match(&Some(next)) {
                going_on = each(&self.word, value(), self.last_run_optional);
            } else if before_last_run {
                going_on = each(&self.word, value(), false);
            }
        }
        going_on = going_on && self.from(child, next, out, each);
        self.word.pop();
        going_on
    }
}

/// One place of a skeleton: an ASCII letter, or a run of one or more letters outside
/// ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Letter(u8),
    Run,
}

/// The automaton of one skeleton pattern over a word's UTF-8 bytes.
struct Skeleton<'p>(&'p [Piece]);

/// Where the automaton is: the piece it is at, whether the run there has a letter yet,
/// and how many continuation bytes of a multi-byte letter are still to come.
#[derive(Debug, Clone, Copy)]
struct At {
    piece: usize,
    run_has_letter: bool,
    continuation: u8,
}

impl Skeleton<'_> {
    /// Steps `at` over `byte`, if the pattern allows it.
    fn step(&self, at: At, byte: u8) -> Option<At> {
        if at.continuation > 0 {
            return (byte & 0xC0 == 0x80).then_some(At {
                continuation: at.continuation - 1,
                ..at
            });
        }
        match self.0.get(at.piece)? {
            Piece::Run if byte >= 0xC0 => Some(At {
                run_has_letter: true,
                continuation: if byte >= 0xF0 {
                    3
                } else if byte >= 0xE0 {
                    2
                } else {
                    1
                },
                ..at
            }),
            Piece::Run if at.run_has_letter => self.step(
                At {
                    piece: at.piece + 1,
                    run_has_letter: false,
                    continuation: 0,
                },
                byte,
            ),
            Piece::Run => None,
            Piece::Letter(letter) => (*letter == byte).then_some(At {
                piece: at.piece + 1,
                run_has_letter: false,
                continuation: 0,
            }),
        }
    }
}

impl Automaton for Skeleton<'_> {
    type State = Option<At>;

    fn start(&self) -> Self::State {
        Some(At {
            piece: 0,
            run_has_letter: false,
            continuation: 0,
        })
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.is_some_and(|at| {
            let pieces = self.0.len();
            at.continuation == 0
                && (at.piece == pieces
                    || (at.piece + 1 == pieces
                        && self.0[at.piece] == Piece::Run
                        && at.run_has_letter))
        })
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        state.and_then(|at| self.step(at, byte))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::structure::name_keys::skeleton;
    use fst::{IntoStreamer, Streamer};

    fn words(found: Vec<ForeignWord>) -> Vec<String> {
        found.into_iter().map(|w| w.word).collect()
    }

    #[test]
    fn damaged_copies_find_their_words() {
        // A letter lost to a space, one kept: Romanian and Polish surnames.
        assert!(words(fitting(&skeleton("Băl nescu"), false, false)).contains(&"bălănescu".into()));
        assert!(words(fitting(&skeleton("Ploie ti"), false, false)).contains(&"ploiești".into()));
        // Both edge letters lost with no space left only when asked for.
        assert!(!words(fitting("astn", false, false)).contains(&"šťastný".into()));
        assert!(words(fitting("astn", true, true)).contains(&"šťastný".into()));
        // ASCII letters must be the copy's exactly.
        assert!(fitting(&skeleton("Bxl nescu"), true, true).is_empty());
        assert!(fitting("", true, true).is_empty());
    }

    #[test]
    fn openings_are_ascii_letters_before_a_letter_outside_ascii() {
        assert!(opens_word("ploie"));
        assert!(opens_word("gda"));
        assert!(!opens_word("ploi")); // `ploie…` goes on in ASCII
        assert!(!opens_word("qqqx"));
        assert!(!opens_word(""));
        // The same answer as the map's range of keys after the opening.
        for opening in [
            "d", "ploie", "gda", "ma", "z", "sarah", "zzzz", "ba", "m", "co",
        ] {
            let from = [opening.as_bytes(), &[0xC0]].concat();
            let to = [opening.as_bytes(), &[0xFF]].concat();
            let ranged = map().range().ge(from).lt(to).into_stream().next().is_some();
            assert_eq!(opens_word(opening), ranged, "{opening}");
        }
    }

    #[test]
    fn values_unpack_into_frequency_and_languages() {
        let word = exactly("Ploiești").expect("listed");
        assert_eq!(word.word, "ploiești");
        assert!(word.zipf > 3.0 && word.zipf < 6.0);
        let romanian = LANGUAGES.iter().position(|l| *l == "ro").unwrap();
        assert!(word.languages & (1 << romanian) != 0);
        assert!(exactly("plainword").is_none());
    }

    #[test]
    fn the_walk_finds_what_the_automatons_stream_finds() {
        let copies = [
            "Băl nescu",
            "Ploie ti",
            "astn",
            "_astn",
            "astn_",
            "_astn_",
            "Pra a",
            "C t",
            "Gda sk",
            "Ma gorzata",
            "N ez",
            "_a",
            "a_",
            "e_",
            "_e_",
            "Sarah said the council",
            "Bxl nescu",
            "Jo o",
            "M kel",
            "zt rk",
        ];
        for copy in copies {
            let key = if copy.contains('_') {
                copy.to_string()
            } else {
                skeleton(copy)
            };
            let pattern = pieces(&key);
            let automaton = Skeleton(&pattern);
            let mut streamed = Vec::new();
            let mut stream = map().search(&automaton).into_stream();
            while let Some((word, value)) = stream.next() {
                streamed.push((word.to_vec(), value));
            }
            let mut walked = Vec::new();
            assert!(search(&automaton, false, |word, value, _| {
                walked.push((word.to_vec(), value));
                true
            })
            .is_some());
            assert_eq!(walked, streamed, "{copy}");
            // Stopping early stops the walk.
            if !streamed.is_empty() {
                let mut seen = 0;
                assert!(search(&automaton, false, |_, _, _| {
                    seen += 1;
                    false
                })
                .is_none());
                assert_eq!(seen, 1);
            }
            // A last run that may be missing: the words of both patterns, told apart.
            if matches!(pattern.last(), Some(Piece::Letter(_))) {
                let mut longer = pattern.clone();
                longer.push(Piece::Run);
                let mut with_run = Vec::new();
                let mut stream = map().search(Skeleton(&longer)).into_stream();
                while let Some((word, value)) = stream.next() {
                    with_run.push((word.to_vec(), value));
                }
                let (mut without, mut with) = (Vec::new(), Vec::new());
                assert!(search(&Skeleton(&longer), true, |word, value, in_run| {
                    match in_run {
                        true => with.push((word.to_vec(), value)),
                        false => without.push((word.to_vec(), value)),
                    }
                    true
                })
                .is_some());
                assert_eq!((without, with), (streamed, with_run), "{copy}");
            }
        }
    }

    #[test]
    fn a_shorter_skeleton_after_a_dead_end_fits_what_it_fits_alone() {
        // Each shorter run of a copy, asked after the longer one, as the names pass asks.
        for copy in [
            "D sseldorf smells of coffee and",
            "Ma gorzata said the",
            "B l nescu went",
        ] {
            let key = skeleton(copy);
            let cuts: Vec<usize> = (1..=key.len())
                .filter(|&n| n == key.len() || key.as_bytes()[n] == b'_')
                .rev()
                .collect();
            for trail in [false, true] {
                let chained: Vec<Vec<String>> = cuts
                    .iter()
                    .map(|&n| words(fitting(&key[..n], false, trail)))
                    .collect();
                let alone: Vec<Vec<String>> = cuts
                    .iter()
                    .map(|&n| {
                        DEAD_END.with_borrow_mut(|end| end.record("", 0));
                        words(fitting(&key[..n], false, trail))
                    })
                    .collect();
                assert_eq!(chained, alone, "{copy}");
                assert!(chained.iter().any(|w| !w.is_empty()), "{copy}");
            }
        }
    }

    #[test]
    fn words_one_letter_longer_at_an_edge_are_found() {
        let words = |fragment: &str, first: bool| -> Vec<String> {
            with_one_letter_more(fragment, first)
                .into_iter()
                .map(|w| w.word)
                .collect()
        };
        assert!(words("pozna", false).contains(&"poznań".to_string()));
        assert!(words("lesund", true).contains(&"ålesund".to_string()));
        // One letter outside ASCII exactly, at the edge asked for.
        assert!(!words("pozna", true).contains(&"poznań".to_string()));
        assert!(words("astn", false).is_empty()); // šťastný lost one at each edge
        assert_eq!(words("Pozna", false), words("pozna", false));
        // The same words as the skeleton's walk with a run at that edge, kept to one
        // letter outside ASCII.
        for (fragment, first) in [
            ("pozna", false),
            ("lesund", true),
            ("ume", false),
            ("sava", false),
            ("zmir", true),
            ("lod", false),
            ("ahin", true),
            ("rebro", true),
        ] {
            let mut walked: Vec<String> = fitting(fragment, first, !first)
                .into_iter()
                .map(|w| w.word)
                .filter(|word| {
                    let rest = if first {
                        word.strip_suffix(fragment)
                    } else {
                        word.strip_prefix(fragment)
                    };
                    rest.is_some_and(|rest| rest.chars().count() == 1 && !rest.is_ascii())
                })
                .collect();
            walked.sort();
            let mut direct = words(fragment, first);
            direct.sort();
            assert_eq!(direct, walked, "{fragment}");
            assert!(!direct.is_empty(), "{fragment}");
        }
    }

    #[test]
    fn ascii_words_of_their_own_beside_a_longer_word_are_listed() {
        assert!(is_whole_beside("troms", "tromsø"));
        assert!(!is_whole_beside("pozna", "poznań"));
        assert!(!is_whole_beside("troms", "tromsö"));
        // The pairs are sorted, as the binary search needs.
        let pairs: Vec<&str> = WHOLE_AT_EDGE.lines().collect();
        assert!(pairs.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_frequent_word_that_lost_its_first_letter_is_found() {
        let word = |fragment: &str| lost_its_first_letter(fragment).map(|w| w.word);
        assert_eq!(word("lesund").as_deref(), Some("ålesund"));
        // The rest must be the fragment exactly, opened by one letter outside ASCII; a
        // fragment with marks of its own (`lęzak`) or too short is not looked up.
        assert_eq!(word("zzqx"), None);
        assert_eq!(word("lęzak"), None);
        assert_eq!(word("le"), None);
    }

    #[test]
    fn fitting_lists_the_core_then_a_run_before_after_and_both() {
        let found = words(fitting("astn", true, true));
        assert!(found.contains(&"šťastný".into()), "{found:?}");
        let order = |w: &str| {
            let lead = !w.as_bytes()[0].is_ascii();
            let trail = !w.as_bytes()[w.len() - 1].is_ascii();
            usize::from(lead) + 2 * usize::from(trail)
        };
        let kinds: Vec<usize> = found.iter().map(|w| order(w)).collect();
        assert!(kinds.windows(2).all(|k| k[0] <= k[1]), "{found:?}");
    }

    #[test]
    fn the_automaton_reads_multi_byte_letters_whole() {
        let pattern = [Piece::Letter(b'a'), Piece::Run, Piece::Letter(b'b')];
        let automaton = Skeleton(&pattern);
        let run = |text: &str| {
            let mut state = automaton.start();
            for byte in text.bytes() {
                state = automaton.accept(&state, byte);
            }
            automaton.is_match(&state)
        };
        assert!(run("aéb"));
        assert!(run("aéűb"));
        assert!(run("a𝔞b")); // four bytes
        assert!(!run("ab"));
        assert!(!run("axb"));
        assert!(!run("aé"));
    }
}
