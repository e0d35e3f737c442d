// copydesk site search: the search page's results, found in the browser.
//
// The page (/search/?q=words) is a plain form that works without this script; with it,
// the script reads the query, loads search-index.json (an elasticlunr index the build
// wrote, with the title, standfirst and date of each article) and lists the matching
// articles. The index names its pipeline (stop words and stemmer of the site's language);
// for French, German and Spanish the page loads lunr-languages' functions for it first.
// Every text is set with textContent, so nothing in an article can inject HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!script || !input || !status || !list || !window.elasticlunr || !window.fetch) return;

  // The query's words as the build read the articles' (src/site/search/language.rs):
  // NFC, lower-cased, runs of letters, marks and digits in any script. elasticlunr.js's
  // own tokenizer splits at spaces and hyphens only, and its ASCII trimmer would leave
  // nothing of an Urdu word. The index's pipeline (stop words, stemmer) runs after it.
  elasticlunr.tokenizer = function (text) {
    if (text === null || text === undefined) return [];
    return String(text).normalize("NFC").toLowerCase().match(/[\p{L}\p{M}\p{N}\u200C\u200D]+/gu) || [];
  };

  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  status.textContent = "";
  if (!query) return;

  function message(name) {
    return (status.getAttribute(name) || "").split("{query}").join(query);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(doc) {
    var item = element("li", "story-card");
    var heading = element("h2", "story-card-headline");
    var link = element("a", "", doc.title);
    link.href = doc.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (doc.standfirst) item.appendChild(element("p", "standfirst", doc.standfirst));
    if (doc.date) item.appendChild(element("p", "meta", doc.date));
    list.appendChild(item);
  }

  fetch(script.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      var index = elasticlunr.Index.load(data.index);
      var hits = index.search(query, {
        fields: {
          title: { boost: 3 },
          standfirst: { boost: 2 },
          authors: { boost: 2 },
          tags: { boost: 2 },
          section: { boost: 1 },
          body: { boost: 1 }
        },
        bool: "AND",
        expand: true
      });
      status.textContent = message(hits.length ? "data-results" : "data-no-results");
      hits.forEach(function (hit) {
        var doc = data.docs[Number(hit.ref)];
        if (doc) show(doc);
      });
    })
    .catch(function () {
      status.textContent = message("data-no-results");
    });
})();
