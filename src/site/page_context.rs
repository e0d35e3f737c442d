//! The template context of one page or card, reused page after page.
//!
//! Every page's context holds `site` and `t` (the theme's strings), the same values on
//! every page of a build. They were cloned for each of a 10k site's 22,000 pages and
//! cards and the clone dropped after (BTreeMap clones and JSON value drops were about 6 %
//! of the build's instructions; reusing the contexts saved 2.6 % of a 1k build's). A rendering
//! thread now keeps spare contexts: [`SharedContext::with_page_context`] lends one whose
//! `site` and `t` are the build's, the page puts its own values in through
//! [`PageContext::insert`], and when the page is rendered [`PageContext::reset`] takes
//! out every key the page added (and puts back `site` and `t` if the page replaced them,
//! as an article in another language does), so nothing of one page is seen by the next.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::site::render::SharedContext;

/// The keys every context starts with, from the build's [`SharedContext`].
const BASE_KEYS: [&str; 2] = ["site", "t"];

/// Spare contexts a thread keeps: one for a page and one for a card rendered while the
/// page's context is being made, for each of the few builds (languages, a kept-alive
/// `serve` builder) a thread may work for.
const SPARES_PER_THREAD: usize = 8;

thread_local! {
    static SPARES: RefCell<Vec<PageContext>> = const { RefCell::new(Vec::new()) };
}

static NEXT_OWNER: AtomicU64 = AtomicU64::new(1);

/// A number no other [`SharedContext`] of this process has: a spare context is only lent
/// to the one it was made from.
pub(crate) fn new_owner() -> u64 {
    NEXT_OWNER.fetch_add(1, Ordering::Relaxed)
}

/// A template context lent by [`SharedContext::with_page_context`].
pub(crate) struct PageContext {
    context: tera::Context,
    /// Keys put in since the context was lent, taken out by [`reset`](Self::reset).
    added: Vec<&'static str>,
    /// Whether `site` or `t` was replaced, to be put back.
    base_replaced: bool,
    owner: u64,
}

impl PageContext {
    fn new(shared: &SharedContext) -> PageContext {
        PageContext {
            context: shared.base_context().clone(),
            added: Vec::new(),
            base_replaced: false,
            owner: shared.owner(),
        }
    }

    /// Puts `value` in as `key`, serialised (see [`tera::Context::insert`]).
    pub(crate) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.note(key);
        self.context.insert(key, value);
    }

    /// Puts `value` in as `key` as it is: moved in, where [`insert`](Self::insert) would
    /// copy it by serialising it again.
    pub(crate) fn insert_value(&mut self, key: &'static str, value: serde_json::Value) {
        self.note(key);
        let mut entry = serde_json::Map::new();
        entry.insert(key.to_string(), value);
        let entry = tera::Context::from_value(serde_json::Value::Object(entry))
            .expect("an object makes a context");
        self.context.extend(entry);
    }

    /// The context to render with.
    pub(crate) fn tera(&self) -> &tera::Context {
        &self.context
    }

    fn note(&mut self, key: &'static str) {
        if BASE_KEYS.contains(&key) {
            self.base_replaced = true;
        } else if !self.added.contains(&key) {
            self.added.push(key);
        }
    }

    /// Takes out what the page put in, leaving `site` and `t` as `shared` holds them.
    fn reset(&mut self, shared: &SharedContext) {
        for key in self.added.drain(..) {
            self.context.remove(key);
        }
        if self.base_replaced {
            for key in BASE_KEYS {
                if let Some(value) = shared.base_context().get(key) {
                    self.context.insert(key, value);
                }
            }
            self.base_replaced = false;
        }
    }
}

impl SharedContext {
    /// Runs `render` with a context holding this build's `site` and `t`, a spare one of
    /// this thread's when it has one, and keeps it for the next page.
    pub(crate) fn with_page_context<R>(&self, render: impl FnOnce(&mut PageContext) -> R) -> R {
        let spare = SPARES.with(|spares| {
            let mut spares = spares.borrow_mut();
            let at = spares.iter().rposition(|c| c.owner == self.owner());
            at.map(|at| spares.remove(at))
        });
        let mut context = spare.unwrap_or_else(|| PageContext::new(self));
        let result = render(&mut context);
        context.reset(self);
        SPARES.with(|spares| {
            let mut spares = spares.borrow_mut();
            if spares.len() == SPARES_PER_THREAD {
                spares.remove(0);
            }
            spares.push(context);
        });
        result
    }
}

#[cfg(test)]
mod tests {
    use crate::site::render::SharedContext;

    fn shared(site_title: &str) -> SharedContext {
        SharedContext::for_test(
            serde_json::json!({ "title": site_title }),
            serde_json::json!({ "by": "By" }),
        )
    }

    #[test]
    fn what_a_page_added_is_gone_when_the_next_page_borrows_the_context() {
        let shared = shared("Paper");
        shared.with_page_context(|context| {
            context.insert("listing", &serde_json::json!({ "url": "/tags/x/" }));
            context.insert_value("articles", serde_json::json!([1, 2]));
            assert!(context.tera().contains_key("listing"));
        });
        shared.with_page_context(|context| {
            assert!(!context.tera().contains_key("listing"));
            assert!(!context.tera().contains_key("articles"));
            assert_eq!(context.tera().get("site").unwrap()["title"], "Paper");
            assert_eq!(context.tera().get("t").unwrap()["by"], "By");
        });
    }

    #[test]
    fn a_replaced_site_is_the_builds_again_for_the_next_page() {
        let shared = shared("Paper");
        shared.with_page_context(|context| {
            context.insert("site", &serde_json::json!({ "title": "Zeitung" }));
            context.insert("t", &serde_json::json!({ "by": "Von" }));
            assert_eq!(context.tera().get("site").unwrap()["title"], "Zeitung");
        });
        shared.with_page_context(|context| {
            assert_eq!(context.tera().get("site").unwrap()["title"], "Paper");
            assert_eq!(context.tera().get("t").unwrap()["by"], "By");
        });
    }

    #[test]
    fn a_context_is_lent_only_to_the_build_it_was_made_for() {
        let first = shared("First");
        let second = shared("Second");
        first.with_page_context(|_| {});
        second.with_page_context(|context| {
            assert_eq!(context.tera().get("site").unwrap()["title"], "Second");
        });
        first.with_page_context(|context| {
            assert_eq!(context.tera().get("site").unwrap()["title"], "First");
        });
    }

    #[test]
    fn a_card_made_while_a_page_is_made_gets_a_context_of_its_own() {
        let shared = shared("Paper");
        shared.with_page_context(|page| {
            page.insert("listing", &1);
            shared.with_page_context(|card| {
                assert!(!card.tera().contains_key("listing"));
                card.insert("story", &2);
            });
            assert!(!page.tera().contains_key("story"));
            assert!(page.tera().contains_key("listing"));
        });
    }
}
