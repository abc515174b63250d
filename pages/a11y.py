"""What the app adds to Streamlit's own markup so every page reads well to everyone: the
page's language, a sound navigation list, readable captions, phone-sized tap targets and
Streamlit's few fixed English words in the reader's language (docs/accessibility.md).

Streamlit offers no setting for any of these; the style sheet and a small script do it from
our side. The script only sets attributes and changes the text of nodes Streamlit drew, so
React's later updates of the same nodes keep working.
"""

import json

import streamlit as st

from pages.ui import language, t

# Streamlit's own English texts, as regular expressions over a whole text node or attribute,
# and the key of the text that replaces each (its one {placeholder} takes the first group).
STREAMLIT_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^Select all$", "a11y.st.select_all"),
    (r"^Select (\d+) matches$", "a11y.st.select_matches"),
    (r"^No results$", "a11y.st.no_results"),
    (r"^No options$", "a11y.st.no_options"),
    (r"^Drag and drop file here$", "a11y.st.drop_file"),
    (r"^Drag and drop files here$", "a11y.st.drop_files"),
    (r"^(\S+) per file$", "a11y.st.per_file"),
    (r"^Browse files$", "a11y.st.browse"),
    (r"^Upload$", "a11y.st.upload"),
    (r"^Press Enter to apply$", "a11y.st.enter_apply"),
    (r"^Press Enter to submit form$", "a11y.st.enter_submit"),
    (r"^Press (?:⌘|Ctrl)\+Enter to apply$", "a11y.st.ctrl_enter_apply"),
    (r"^Press (?:⌘|Ctrl)\+Enter to submit form$", "a11y.st.ctrl_enter_submit"),
    (r"^Choose an option$", "ui.choose"),
    (r"^Choose options$", "ui.choose"),
    (r"^Choose date$", "a11y.st.choose_date"),
    (r"^Choose date range$", "a11y.st.choose_dates"),
    (r"^No options to select$", "a11y.st.no_options"),
    (r"^Clear all$", "a11y.st.clear_all"),
    (r"^Show password$", "a11y.st.show_password"),
    (r"^Hide password$", "a11y.st.hide_password"),
    (r"^Increment$", "a11y.st.increment"),
    (r"^Decrement$", "a11y.st.decrement"),
    (r"^Search$", "a11y.st.search"),
    (r"^Show/hide columns$", "a11y.st.columns"),
    (r"^Download as CSV$", "a11y.st.csv"),
    (r"^Fullscreen$", "a11y.st.fullscreen"),
    (r"^Close fullscreen$", "a11y.st.close_fullscreen"),
    (r"^Skip to main content$", "a11y.st.skip"),
    # Plotly's tool bar over every chart
    (r"^Download plot as a PNG$", "a11y.plot.png"),
    (r"^Zoom$", "a11y.plot.zoom"),
    (r"^Pan$", "a11y.plot.pan"),
    (r"^Zoom in$", "a11y.plot.zoom_in"),
    (r"^Zoom out$", "a11y.plot.zoom_out"),
    (r"^Autoscale$", "a11y.plot.autoscale"),
    (r"^Reset axes$", "a11y.plot.reset"),
    (r"^Box Select$", "a11y.plot.box"),
    (r"^Lasso Select$", "a11y.plot.lasso"),
)
# Names read aloud and hover hints only: these patterns could also match a user's own text.
STREAMLIT_NAMES: tuple[tuple[str, str], ...] = (
    (r"^Remove (.+)$", "a11y.st.remove"),
    (r"^Help for (.+)$", "a11y.st.help_for"),
    (r"^(.+) start date$", "a11y.st.start_date"),
    (r"^(.+) end date$", "a11y.st.end_date"),
    (r"^day, (.+)$", "a11y.st.day"),
    (r"^month, (.+)$", "a11y.st.month"),
    (r"^year, (.+)$", "a11y.st.year"),
    (r"^Link to heading$", "a11y.st.heading_link"),
    (r"^App pages$", "a11y.st.pages"),
    (r"^Sidebar$", "a11y.st.sidebar"),
    (r"^Collapse sidebar$", "a11y.st.collapse"),
    (r"^Expand sidebar$", "a11y.st.expand"),
    (r"^Selected values$", "a11y.st.selected"),
    (r"^Fullscreen: (.+)$", "a11y.st.fullscreen_of"),
)
# The attributes a reader meets those texts in: read aloud, shown on hover, or in a field.
ATTRIBUTES = ("aria-label", "title", "placeholder", "data-title")

# Captions and help texts: Streamlit draws them in the text colour at 60 % (3.9:1 on white);
# 80 % gives 6:1 in the light theme and stays readable in the dark one.
# Phones: 44 px for everything a thumb has to hit (WCAG 2.5.5, Apple's and Google's guides).
STYLE = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"] small,
[data-testid="stFileUploaderDropzoneInstructions"] small,
[data-testid="stMarkdownContainer"] small {
  color: inherit !important; opacity: .8;
}
/* A disabled widget's label at 40 % (2.3:1): the field shows it is disabled, its name must
   still be readable. */
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] p {
  color: inherit !important;
}
/* Out of the flow but drawn: Streamlit draws no element of zero width. */
.st-key-ma-a11y { position: absolute; left: -9999px; width: 20px; height: 1px; overflow: hidden; }
/* German titles are long words (Änderungsprotokoll, Mönckebergstraße): hyphenated where
   the language allows (the script sets lang), never broken at a random letter. */
[data-testid="stMain"] h1, [data-testid="stMain"] h2 { hyphens: auto; }
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 2rem !important; }
  [data-testid^="stBaseButton"], [data-testid^="stBaseLinkButton"],
  [data-testid="stButtonGroup"] button, [data-testid="stSidebarNavLink"], .ma-button,
  form[action="/auth/logout"] button {
    min-height: 44px !important;
  }
  [data-testid="stRadio"] [role="radiogroup"] > label, [data-testid="stCheckbox"] label {
    min-height: 44px; align-items: center;
  }
  [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"] button {
    min-width: 44px !important; min-height: 44px !important;
  }
}
</style>
"""

SCRIPT = """
<script>
(() => {
  const lang = %(lang)s;
  const attributes = %(attributes)s;
  const unescape = /\\\\([\\\\`*_{}\\[\\]()#+\\-.!|~<>$:=])/g;
  const compiled = (pairs) => pairs.map(([pattern, text]) => [new RegExp(pattern), text]);
  const texts = compiled(%(texts)s);
  const names = [...texts, ...compiled(%(names)s)];
  const repair = () => {
    const root = document.documentElement;
    if (root.lang !== lang) root.lang = lang;
    // Streamlit's navigation puts each section (a div with a header) straight into the
    // list: the list becomes a plain box, each section a list of its own named by its header.
    const nav = document.querySelector('[data-testid="stSidebarNavItems"]');
    if (nav) {
      if (nav.getAttribute("role") !== "none") nav.setAttribute("role", "none");
      for (const section of nav.children) {
        if (section.tagName === "LI") continue;
        const header = section.querySelector('[data-testid="stNavSectionHeader"]');
        if (section.getAttribute("role") !== "list") section.setAttribute("role", "list");
        if (header) {
          header.id ||= "ma-nav-" + Math.random().toString(36).slice(2);
          header.setAttribute("role", "presentation");
          section.setAttribute("aria-labelledby", header.id);
        }
      }
    }
    // The uploader's drop zone is a labelled section holding a button of the same name.
    for (const zone of document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')) {
      if (zone.getAttribute("role") !== "group") zone.setAttribute("role", "group");
      // Its hidden file input is named "file upload" in English whatever the language.
      const input = zone.querySelector('input[type="file"]');
      const name = zone.getAttribute("aria-label");
      if (input && name && input.getAttribute("aria-label") !== name) {
        input.setAttribute("aria-label", name);
      }
    }
    for (const image of document.querySelectorAll('[data-testid="stImage"] img:not([alt])')) {
      image.alt = image.closest('[data-testid="stImage"]').innerText.trim();
    }
    // A widget's label is markdown, its name read aloud the raw string: without the
    // escapes pages.ui.plain put in (and the word joiners that keep addresses from links).
    for (const element of document.querySelectorAll("[aria-label]")) {
      const name = element.getAttribute("aria-label");
      const bare = name.replace(unescape, "$1").replaceAll("\u2060", "");
      if (bare !== name) element.setAttribute("aria-label", bare);
    }
    if (!texts.length) return;
    const translated = (value, patterns) => {
      if (!value || value.length > 200) return null;
      for (const [pattern, text] of patterns) {
        const found = value.match(pattern);
        // A function, so "$&" or "$1" in the matched text stay as they are.
        if (found) return text.replace(/\\{\\w+\\}/, () => found[1] ?? "");
      }
      return null;
    };
    for (const name of attributes) {
      for (const element of document.querySelectorAll("[" + name + "]")) {
        const changed = translated(element.getAttribute(name), names);
        if (changed !== null && changed !== element.getAttribute(name)) {
          element.setAttribute(name, changed);
        }
      }
    }
    // Streamlit's own chrome only: what people wrote (markdown, text, tables) stays as
    // written, even a comment that reads just "Upload".
    const theirs = '[data-testid="stMarkdownContainer"], [data-testid="stText"], '
      + '[data-testid="stCode"], [data-testid="stDataFrame"], [data-testid="stTable"]';
    // The uploader draws its own button text as markdown: that is Streamlit's, not theirs.
    const chrome = '[data-testid="stFileUploaderDropzone"]';
    const written = (element) => element?.closest(theirs) && !element.closest(chrome);
    const ours = {acceptNode: (node) => written(node.parentElement)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT};
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, ours);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const changed = node.nodeValue.length > 60 ? null : translated(node.nodeValue, texts);
      if (changed !== null && changed !== node.nodeValue) node.nodeValue = changed;
    }
  };
  window.__maRepair = repair;
  if (!window.__maObserver) {
    let queued = false;
    window.__maObserver = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; window.__maRepair(); });
    });
    const watch = {childList: true, subtree: true, characterData: true};
    watch.attributeFilter = attributes;
    window.__maObserver.observe(document.body, watch);
  }
  repair();
})();
</script>
"""


# DOMPurify drops a script whose text looks like markup: no tags in the script's comments.


def improve_markup() -> None:
    """The style sheet and the script, once per run (app.py, before the navigation)."""
    lang = language()
    texts = [] if lang == "en" else [[pattern, t(key)] for pattern, key in STREAMLIT_TEXTS]
    names = [] if lang == "en" else [[pattern, t(key)] for pattern, key in STREAMLIT_NAMES]
    st.html(STYLE)
    with st.container(key="ma-a11y"):
        st.html(
            SCRIPT
            % {
                "lang": json.dumps(lang),
                "texts": json.dumps(texts),
                "names": json.dumps(names),
                "attributes": json.dumps(ATTRIBUTES),
            },
            unsafe_allow_javascript=True,
        )
