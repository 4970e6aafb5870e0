/* coursekit: search over file://. Sphinx's search lists the matching pages and then fetches each
   one for a text snippet; browsers block fetch() on file:// URLs, so every result logged an error.
   Opened from disk, the results are listed without snippets; served over http nothing changes.
   (DOCUMENTATION_OPTIONS is a global const from documentation_options.js, not a window property.) */
/* global DOCUMENTATION_OPTIONS */
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
