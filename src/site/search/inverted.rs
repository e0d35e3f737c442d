//! The search index of a large site in a fraction of elasticlunr's memory, written as the
//! same JSON.
//!
//! `elasticlunr::Index` keeps every word of every document as a `BTreeMap` entry keyed by
//! the document's reference as a `String`, in a tree with one node per character: at
//! 10,000 articles it held 63 MiB for a 12.7 MB file, and serialising it then held the
//! JSON twice more (once as written, once with markup escaped), so the search index was
//! the peak of the whole build and grew with every article.
//!
//! [`InvertedIndex`] keeps each field's words once, in order, each with its documents
//! and counts packed as varints (2-3 bytes a document), and [`InvertedIndex::write_json`] writes exactly
//! the JSON elasticlunr-rs writes (same keys, same order, same numbers: a test holds the
//! two byte-identical) into one buffer, markup escaped as it goes. Documents are analysed
//! ([`Analyser::analyse`]: tokens, the site language's pipeline, counts) in parallel,
//! one analyser per thread, and added in order.

use std::collections::BTreeMap;
use std::io::{self, Write};

use elasticlunr::{Language, Pipeline, ELASTICLUNR_VERSION};
use rustc_hash::FxHashMap;

use super::language::SearchLanguage;

/// What elasticlunr calls a document's reference field.
const REF_FIELD: &str = "id";

/// Tokenises documents as elasticlunr's index in a [`SearchLanguage`] does. Not
/// shareable between threads (elasticlunr's pipeline is not `Sync`): make one per thread.
///
/// Every step of a pipeline takes one token to one token or none, whatever the tokens
/// around it (stop words, stemming), so each distinct word is put through the pipeline
/// once and its term remembered: a 10k-article site has about 11 million words and tens
/// of thousands of distinct ones. A document's words are counted by term number, and
/// only its distinct terms are made into strings.
pub struct Analyser {
    language: SearchLanguage,
    pipeline: Pipeline,
    /// Each word met so far and its term's number in `terms`, or `None` when the
    /// pipeline drops it.
    words: FxHashMap<String, Option<u32>>,
    /// The terms words became, numbered (several words may become one term: `analysts`
    /// and `analyst` are both `analyst`).
    terms: Vec<String>,
    /// Each term's number in `terms`.
    term_numbers: FxHashMap<String, u32>,
    /// One field's count per term number, reused field after field.
    counts: FxHashMap<u32, u32>,
}

/// One document's fields, analysed: per field, its token count and each term's count.
#[derive(Debug, Default)]
pub struct AnalysedDoc {
    fields: Vec<(u32, BTreeMap<String, u32>)>,
}

impl Analyser {
    pub fn new(language: SearchLanguage) -> Analyser {
        Analyser {
            language,
            pipeline: language.make_pipeline(),
            words: FxHashMap::default(),
            terms: Vec::new(),
            term_numbers: FxHashMap::default(),
            counts: FxHashMap::default(),
        }
    }

    /// Tokens of each field value, through the pipeline, counted.
    pub fn analyse<S: AsRef<str>>(&mut self, values: &[S]) -> AnalysedDoc {
        let fields = values
            .iter()
            .map(|value| self.analyse_field(value.as_ref()))
            .collect();
        AnalysedDoc { fields }
    }

    fn analyse_field(&mut self, value: &str) -> (u32, BTreeMap<String, u32>) {
        let Analyser {
            language,
            pipeline,
            words,
            terms,
            term_numbers,
            counts,
        } = self;
        let mut length = 0;
        language.for_each_word(value, |word| {
            let term = match words.get(word) {
                Some(term) => *term,
                None => {
                    let term = pipeline.run(vec![word.to_string()]).pop().map(|term| {
                        *term_numbers.entry(term).or_insert_with_key(|term| {
                            terms.push(term.clone());
                            (terms.len() - 1) as u32
                        })
                    });
                    words.insert(word.to_string(), term);
                    term
                }
            };
            if let Some(term) = term {
                length += 1;
                *counts.entry(term).or_insert(0) += 1;
            }
        });
        let field = counts
            .drain()
            .map(|(term, count)| (terms[term as usize].clone(), count))
            .collect();
        (length, field)
    }
}

/// The documents holding one term, in the order added: each as the gap from the
/// previous document and the count, both as LEB128 varints (usually 2-3 bytes a posting,
/// where a `(u32, u32)` pair takes 8 and a growing `Vec` of them up to 16).
#[derive(Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
}

impl Postings {
    fn push(&mut self, doc: u32, count: u32) {
        let gap = if self.bytes.is_empty() {
            doc
        } else {
            doc - self.last
        };
        push_varint(&mut self.bytes, gap);
        push_varint(&mut self.bytes, count);
        self.last = doc;
    }

    fn decode(&self) -> Vec<(u32, u32)> {
        let mut postings = Vec::new();
        let mut bytes = self.bytes.as_slice();
        let mut doc = 0;
        while !bytes.is_empty() {
            let gap = take_varint(&mut bytes);
            let count = take_varint(&mut bytes);
            doc += gap;
            postings.push((doc, count));
        }
        postings
    }
}

fn push_varint(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

fn take_varint(bytes: &mut &[u8]) -> u32 {
    let mut n = 0;
    let mut shift = 0;
    while let Some((&byte, rest)) = bytes.split_first() {
        *bytes = rest;
        n |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

/// An elasticlunr index under construction; documents are numbered `0, 1, 2…` in the
/// order they are added, and that number is their reference.
pub struct InvertedIndex {
    language: SearchLanguage,
    fields: Vec<String>,
    /// Per field: term -> the documents holding it.
    terms: Vec<BTreeMap<String, Postings>>,
    /// Per document, its token count in each field (`fields.len()` per document).
    lengths: Vec<u32>,
    documents: u32,
}

impl InvertedIndex {
    pub fn new(language: SearchLanguage, fields: &[&str]) -> InvertedIndex {
        InvertedIndex {
            language,
            fields: fields.iter().map(|f| f.to_string()).collect(),
            terms: fields.iter().map(|_| BTreeMap::new()).collect(),
            lengths: Vec::new(),
            documents: 0,
        }
    }

    /// Adds the next document (one value per field, in the order of `fields`).
    pub fn add(&mut self, doc: AnalysedDoc) {
        let reference = self.documents;
        for (field, (length, counts)) in doc.fields.into_iter().enumerate() {
            self.lengths.push(length);
            for (term, count) in counts {
                // elasticlunr adds no posting for an empty token (it counts in the length).
                if term.is_empty() {
                    continue;
                }
                self.terms[field]
                    .entry(term)
                    .or_default()
                    .push(reference, count);
            }
        }
        self.documents += 1;
    }

    /// Writes the index as `serde_json::to_string(&elasticlunr::Index)` would, with
    /// `save_docs(false)`.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        let order = ReferenceOrder::new(self.documents);
        out.write_all(b"{\"fields\":")?;
        serde_json::to_writer(&mut *out, &self.fields)?;
        out.write_all(b",\"pipeline\":")?;
        serde_json::to_writer(&mut *out, &self.language.make_pipeline())?;
        write!(
            out,
            ",\"ref\":\"{REF_FIELD}\",\"version\":\"{ELASTICLUNR_VERSION}\",\"index\":{{"
        )?;
        // Fields in name order, as a `BTreeMap<String, _>` serialises.
        let mut by_name: Vec<usize> = (0..self.fields.len()).collect();
        by_name.sort_by(|&a, &b| self.fields[a].cmp(&self.fields[b]));
        for (n, &field) in by_name.iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, &self.fields[field])?;
            out.write_all(b":{\"root\":")?;
            let terms: Vec<(&str, &Postings)> = self.terms[field]
                .iter()
                .map(|(t, p)| (t.as_str(), p))
                .collect();
            write_node(out, &terms, 0, None, &order)?;
            out.write_all(b"}")?;
        }
        out.write_all(b"},\"documentStore\":{\"save\":false,\"docs\":{")?;
        for (n, &doc) in order.sorted.iter().enumerate() {
            let comma = if n > 0 { "," } else { "" };
            write!(out, "{comma}\"{doc}\":{{}}")?;
        }
        out.write_all(b"},\"docInfo\":{")?;
        let width = self.fields.len();
        // Each field's name as a JSON key, made once for every document.
        let keys: Vec<String> = by_name
            .iter()
            .map(|&field| serde_json::to_string(&self.fields[field]).map(|key| key + ":"))
            .collect::<Result<_, _>>()?;
        for (n, &doc) in order.sorted.iter().enumerate() {
            out.write_all(if n > 0 { b",\"" } else { b"\"" })?;
            write_decimal(out, u64::from(doc))?;
            out.write_all(b"\":{")?;
            for (i, (&field, key)) in by_name.iter().zip(&keys).enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(key.as_bytes())?;
                write_decimal(out, u64::from(self.lengths[doc as usize * width + field]))?;
            }
            out.write_all(b"}")?;
        }
        write!(
            out,
            "}},\"length\":{}}},\"lang\":\"{}\"}}",
            self.documents,
            self.language.name()
        )
    }
}

/// Document numbers in the order of their decimal references as strings (`0, 1, 10, 100,
/// 11…`), which is how elasticlunr's `BTreeMap<String, _>` lists them.
struct ReferenceOrder {
    sorted: Vec<u32>,
    /// Position of each document in `sorted`.
    rank: Vec<u32>,
}

impl ReferenceOrder {
    fn new(documents: u32) -> ReferenceOrder {
        let mut sorted: Vec<u32> = (0..documents).collect();
        sorted.sort_by_cached_key(|d| d.to_string());
        let mut rank = vec![0; documents as usize];
        for (position, &doc) in sorted.iter().enumerate() {
            rank[doc as usize] = position as u32;
        }
        ReferenceOrder { sorted, rank }
    }
}

/// Writes `n` in decimal, as `write!` would.
fn write_decimal(out: &mut impl Write, mut n: u64) -> io::Result<()> {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&digits[start..])
}

/// Term counts whose `tf` (the square root of the count) is written from a table.
const TABULATED_COUNTS: u32 = 64;

/// Writes the `tf` of a term found `count` times in a field, as elasticlunr writes it
/// (`sqrt(count)` as serde_json formats an `f64`). Most counts are small: their text is
/// made once and copied.
fn write_term_frequency(out: &mut impl Write, count: u32) -> io::Result<()> {
    static TABLE: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| (0..TABULATED_COUNTS).map(term_frequency_text).collect());
    match TABLE.get(count as usize) {
        Some(text) => out.write_all(text.as_bytes()),
        None => out.write_all(term_frequency_text(count).as_bytes()),
    }
}

fn term_frequency_text(count: u32) -> String {
    serde_json::to_string(&f64::from(count).sqrt()).expect("a number serialises")
}

/// Writes the trie node of the terms that share their first `depth` bytes (`terms`
/// sorted, all longer than `depth` except a term ending here, which comes first):
/// `{"docs":{…},"df":N,"c":{…},…}`, children in character order.
fn write_node(
    out: &mut impl Write,
    terms: &[(&str, &Postings)],
    depth: usize,
    here: Option<&Postings>,
    order: &ReferenceOrder,
) -> io::Result<()> {
    out.write_all(b"{\"docs\":{")?;
    let mut postings = here.map_or_else(Vec::new, Postings::decode);
    postings.sort_by_key(|&(doc, _)| order.rank[doc as usize]);
    // Written piece by piece rather than with `write!`: an index has a posting for every
    // term of every document, and formatting machinery per posting was most of its cost.
    for (n, &(doc, count)) in postings.iter().enumerate() {
        out.write_all(if n > 0 { b",\"" } else { b"\"" })?;
        write_decimal(out, u64::from(doc))?;
        out.write_all(b"\":{\"tf\":")?;
        write_term_frequency(out, count)?;
        out.write_all(b"}")?;
    }
    out.write_all(b"},\"df\":")?;
    write_decimal(out, postings.len() as u64)?;
    let mut rest = terms;
    while let Some(&(first, _)) = rest.first() {
        let character = first[depth..].chars().next().expect("longer than depth");
        let next = depth + character.len_utf8();
        let group = rest
            .iter()
            .position(|(t, _)| !t[depth..].starts_with(character))
            .unwrap_or(rest.len());
        let (children, after) = rest.split_at(group);
        // The term that ends at this child, if any, sorts first among its group.
        let (ending, longer) = match children.first() {
            Some(&(term, postings)) if term.len() == next => (Some(postings), &children[1..]),
            _ => (None, children),
        };
        out.write_all(b",")?;
        let mut buf = [0u8; 4];
        serde_json::to_writer(&mut *out, character.encode_utf8(&mut buf) as &str)?;
        out.write_all(b":")?;
        write_node(out, longer, next, ending, order)?;
        rest = after;
    }
    out.write_all(b"}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_formatting_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            write_decimal(&mut out, n).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
        for count in [0, 1, 2, 3, 63, 64, 65, 1000] {
            let mut out = Vec::new();
            write_term_frequency(&mut out, count).unwrap();
            let expected = serde_json::to_string(&f64::from(count).sqrt()).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{count}");
        }
    }

    const FIELDS: [&str; 3] = ["title", "body", "authors"];

    const LANGUAGES: [SearchLanguage; 5] = [
        SearchLanguage::English,
        SearchLanguage::French,
        SearchLanguage::German,
        SearchLanguage::Spanish,
        SearchLanguage::Unstemmed,
    ];

    fn compact_json(language: SearchLanguage, docs: &[[&str; 3]]) -> String {
        let mut index = InvertedIndex::new(language, &FIELDS);
        let mut analyser = Analyser::new(language);
        for doc in docs {
            index.add(analyser.analyse(doc));
        }
        let mut out = Vec::new();
        index.write_json(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn elasticlunr_json(language: SearchLanguage, docs: &[[&str; 3]]) -> String {
        let mut index = elasticlunr::IndexBuilder::with_language(Box::new(language))
            .save_docs(false)
            .add_fields(&FIELDS)
            .build();
        for (reference, doc) in docs.iter().enumerate() {
            index.add_doc(&reference.to_string(), doc);
        }
        index.to_json()
    }

    #[test]
    fn writes_what_elasticlunr_writes() {
        let words = [
            "Council",
            "councils",
            "approved",
            "the",
            "harbour",
            "budget",
            "a",
            "café",
            "naïve",
            "loan",
            "it's",
            "–",
            "2025",
            "x-ray",
            "élan",
            "Ölfeld",
            "harbours",
            "\"quoted\"",
            "maisons",
            "l'État",
            "Brücken",
            "ciudades",
            "کراچی،",
            "کشتیوں",
            "les",
            "und",
        ];
        // Enough documents for references 10-12 to sort between 1 and 2, and words that
        // share prefixes, stem, are stop words, or are all punctuation.
        let docs: Vec<[String; 3]> = (0..13)
            .map(|i| {
                let pick = |n: usize, k: usize| -> String {
                    (0..n)
                        .map(|j| words[(i * 7 + j * k) % words.len()])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                [pick(3, 5), pick(12 + i, 3), pick(i % 3, 11)]
            })
            .collect();
        let docs: Vec<[&str; 3]> = docs
            .iter()
            .map(|d| [d[0].as_str(), d[1].as_str(), d[2].as_str()])
            .collect();
        for language in LANGUAGES {
            assert_eq!(
                compact_json(language, &docs),
                elasticlunr_json(language, &docs),
                "{language:?}"
            );
        }
    }

    #[test]
    fn postings_decode_to_what_was_pushed() {
        let pushed = [
            (0, 1),
            (1, 300),
            (200, 2),
            (70_000, 1),
            (u32::MAX, u32::MAX),
        ];
        let mut postings = Postings::default();
        for (doc, count) in pushed {
            postings.push(doc, count);
        }
        assert_eq!(postings.decode(), pushed);
    }

    #[test]
    fn an_empty_index_is_written_as_elasticlunr_writes_it() {
        for language in LANGUAGES {
            assert_eq!(compact_json(language, &[]), elasticlunr_json(language, &[]));
        }
    }
}
