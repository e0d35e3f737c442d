// copydesk site search: lets lunr-languages' stemmers serve elasticlunr.js.
//
// lunr-languages (vendored in lunr-languages/, MPL 1.1) is written for lunr.js: each
// language script finds `lunr` on the page and registers its functions (stemmer-fr,
// stopWordFilter-fr…) with `lunr.Pipeline`. elasticlunr.js is lunr.js's descendant with the
// same Pipeline, so it serves as `lunr`; the one function lunr-languages needs and
// elasticlunr.js lacks, generateStopWordFilter, is added here as lunr.js 1.x defines it.
// The search index names the functions its build ran (see src/site/search/language.rs),
// and elasticlunr.js runs them on the query. Loaded after elasticlunr.min.js and before
// the lunr-languages scripts.
(function (root) {
  "use strict";
  var elasticlunr = root.elasticlunr;
  if (!elasticlunr) return;
  if (!elasticlunr.generateStopWordFilter) {
    elasticlunr.generateStopWordFilter = function (stopWords) {
      var words = {};
      stopWords.forEach(function (word) {
        words[word] = word;
      });
      return function (token) {
        if (token && words[token] !== token) return token;
      };
    };
  }
  root.lunr = elasticlunr;
})(this);
