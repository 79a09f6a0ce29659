// The analyst page: stories now, a story, a speaker; live notices from /ui/events.
// Every string from an article goes into the page as text (textContent or a text
// node), never as HTML; links to outlets are followed only for http(s) urls.
"use strict";

const PAGE_SIZE = 20;
const MAX_CLAIM_SPEAKERS = 8; // speakers whose claims a story compares across outlets

const main = document.getElementById("main");
const noticeButton = document.getElementById("notice");
const liveBadge = document.getElementById("live");
const searchForm = document.getElementById("search");
const searchInput = document.getElementById("q");

// -- building DOM safely ---------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (_) {
    return null;
  }
}

function outletLink(source, url) {
  const href = safeUrl(url);
  const name = source || "unknown outlet";
  return href
    ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", class: "outlet" }, name)
    : el("span", { class: "outlet" }, name);
}

function route(...parts) {
  return "#/" + parts.map((p) => encodeURIComponent(p)).join("/");
}

function fmtTime(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + "s"}`;
}

function norm(text) {
  return String(text || "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const error = new Error(`${path}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

// -- live notices ------------------------------------------------------------------

// The current view's live state: what it counts as new and how to refresh it.
let view = { onEvent: () => 0, refresh: () => render() };
let pending = 0;
let pendingLabel = "";

function setNotice(count, label) {
  pending = count;
  pendingLabel = label || "";
  if (!count && !label) {
    noticeButton.hidden = true;
    noticeButton.textContent = "";
    return;
  }
  noticeButton.textContent = count ? `${count} new` : label;
  noticeButton.title = "Show the latest (the page does not move until you ask)";
  noticeButton.hidden = false;
}

noticeButton.addEventListener("click", () => {
  setNotice(0, "");
  view.refresh();
});

function connectLive() {
  if (!window.EventSource) return;
  const source = new EventSource("/ui/events");
  source.addEventListener("ready", () => {
    liveBadge.textContent = "live";
    liveBadge.className = "live on";
    document.body.dataset.live = "ready";
  });
  source.addEventListener("error", () => {
    liveBadge.textContent = "reconnecting";
    liveBadge.className = "live off";
    document.body.dataset.live = "lost";
  });
  for (const type of ["article", "speaker", "overflow"]) {
    source.addEventListener(type, (message) => {
      let data = {};
      try {
        data = JSON.parse(message.data);
      } catch (_) {
        return;
      }
      const update = view.onEvent(type, data);
      if (update && (update.count !== pending || update.label !== pendingLabel)) {
        setNotice(update.count, update.label);
      }
    });
  }
}

// -- stories now -------------------------------------------------------------------

function storyCard(story) {
  const headline = story.headline || "(no headline)";
  const first = story.first || {};
  return el(
    "article",
    { class: "card story", "data-cluster-id": story.cluster_id },
    el("h2", {}, el("a", { href: route("story", story.cluster_id) }, headline)),
    el(
      "div",
      { class: "meta" },
      el("span", { class: "counts" }, `${plural(story.outlet_count, "outlet")} · ${plural(story.article_count, "article")}`),
      el("span", { class: "first" }, "first: ", first.source || "—", ", ", fmtTime(story.first_at)),
      el("span", {}, "last activity: ", fmtTime(story.last_activity)),
    ),
    el(
      "div",
      { class: "chips" },
      (story.speakers || []).map((s) =>
        el("a", { class: "chip speaker", href: route("speaker", s.speaker_id) }, s.name),
      ),
    ),
  );
}

async function renderStories(params) {
  const q = params.get("q") || "";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  searchInput.value = q;
  const query = new URLSearchParams({ offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  if (q) query.set("q", q);
  const data = await getJSON(`/stories?${query}`);
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const heading = q ? `${plural(data.total, "story", "stories")} matching “${q}”` : `${plural(data.total, "live story", "live stories")}`;
  const list = el("div", { id: "stories" }, data.stories.map(storyCard));
  if (!data.stories.length) list.append(el("p", { class: "muted" }, "No stories yet."));
  const pageLink = (n, label) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    if (n > 1) p.set("page", n);
    const button = el("button", { type: "button" }, label);
    button.addEventListener("click", () => { location.hash = "#/?" + p; });
    return button;
  };
  main.replaceChildren(
    el("h1", {}, "Stories now"),
    el("p", { class: "muted", id: "stories-total" }, heading, " · newest activity first"),
    list,
    el(
      "div",
      { class: "pager" },
      page > 1 ? pageLink(page - 1, "← Newer") : null,
      el("span", { class: "muted" }, `page ${page} of ${pages}`),
      page < pages ? pageLink(page + 1, "Older →") : null,
    ),
  );
  const seen = new Set();
  view = {
    refresh: () => render(),
    onEvent(type, event) {
      if (type === "overflow") return { count: 0, label: "new updates" };
      if (type !== "article") return null;
      seen.add(event.cluster_id);
      return { count: seen.size, label: "" };
    },
  };
}

// -- a story -----------------------------------------------------------------------

function timeOf(iso) {
  const t = new Date(iso || "").getTime();
  return Number.isNaN(t) ? null : t;
}

function timeline(story, highlight) {
  const articles = story.articles;
  const times = articles.map((a) => timeOf(a.reported_at)).filter((t) => t !== null);
  const t0 = Math.min(...times);
  const span = Math.max(...times) - t0;
  const lanes = el("div", { class: "lanes" });
  const outlets = [];
  for (const a of articles) if (!outlets.includes(a.source)) outlets.push(a.source);
  for (const outlet of outlets) {
    const lane = el("div", { class: "lane" });
    for (const a of articles.filter((x) => x.source === outlet)) {
      const t = timeOf(a.reported_at);
      const left = span > 0 && t !== null ? ((t - t0) / span) * 100 : 0;
      const dot = el("a", {
        class: a.first ? "dot first" : "dot",
        href: `#article-${encodeURIComponent(a.article_id)}`,
        title: `${a.title || a.article_id} (${fmtTime(a.reported_at)})`,
        "aria-label": a.title || a.article_id,
      });
      dot.style.left = `${left}%`;
      lane.append(dot);
    }
    lanes.append(el("div", { class: "lane-name" }, outlet || "unknown"), lane);
  }
  if (times.length) {
    lanes.append(
      el("div", {}),
      el("div", { class: "axis muted small" }, el("span", {}, fmtTime(new Date(t0).toISOString())),
        span > 0 ? el("span", {}, fmtTime(new Date(t0 + span).toISOString())) : null),
    );
  }
  const list = el(
    "ol",
    { class: "timeline", id: "timeline" },
    articles.map((a) =>
      el(
        "li",
        {
          class: a.article_id === highlight ? "article highlight" : "article",
          id: `article-${a.article_id}`,
          "data-article-id": a.article_id,
          "data-source": a.source,
        },
        el("span", { class: "muted" }, fmtTime(a.reported_at), a.published_at ? "" : " (arrived)"),
        el("span", {}, outletLink(a.source, a.url), a.first ? el("span", { class: "badge first-reporter" }, "first") : null),
        el("span", {}, a.title || a.article_id, " ", el("span", { class: "muted small" }, `· ${plural(a.quote_count, "quote")}`)),
      ),
    ),
  );
  return el("section", { id: "articles" }, el("h2", {}, "Articles by outlet"), lanes, list);
}

function quotesBySpeaker(story) {
  return el(
    "section",
    { id: "quotes" },
    el("h2", {}, "Quotes by speaker"),
    story.quotes_by_speaker.length ? null : el("p", { class: "muted" }, "No attributed quotes."),
    story.quotes_by_speaker.map((group) =>
      el(
        "div",
        { class: "card speaker-quotes", "data-speaker-id": group.speaker_id },
        el("h3", {}, el("a", { href: route("speaker", group.speaker_id) }, group.name)),
        group.roles.length || group.organizations.length
          ? el("div", { class: "muted small" }, [...group.roles, ...group.organizations].join(" · "))
          : null,
        group.quotes.map((q) =>
          el(
            "div",
            { class: "quote" },
            el("blockquote", {}, q.text),
            el("div", { class: "quote-source" }, `${q.source || "unknown"} · ${q.kind}, ${q.cue_class}`),
          ),
        ),
      ),
    ),
  );
}

// For each claim of the story's speakers, the wording each outlet of the story used.
function claimRows(story, claimsBySpeaker) {
  const byArticle = new Map(story.articles.map((a) => [a.article_id, a]));
  const rows = [];
  for (const group of story.quotes_by_speaker) {
    const claims = claimsBySpeaker.get(group.speaker_id) || [];
    for (const claim of claims) {
      const variants = new Set((claim.variants || [claim.text]).map(norm));
      const cells = new Map();
      for (const src of claim.sources || []) {
        const article = byArticle.get(src.article_id);
        if (!article) continue;
        const quote = group.quotes.find(
          (q) => q.article_id === src.article_id && variants.has(norm(q.text)),
        );
        if (!cells.has(article.source)) cells.set(article.source, quote ? quote.text : claim.text);
      }
      if (cells.size) rows.push({ speaker: group, claim, cells });
    }
  }
  rows.sort((a, b) => b.cells.size - a.cells.size || (b.claim.count || 0) - (a.claim.count || 0));
  return rows;
}

function sideBySide(story, rows) {
  const outlets = [];
  for (const a of story.articles) if (!outlets.includes(a.source)) outlets.push(a.source);
  const table = el(
    "table",
    { class: "side", id: "side-by-side" },
    el("thead", {}, el("tr", {}, el("th", {}, "Speaker"), outlets.map((o) => el("th", { "data-source": o }, o || "unknown")))),
    el(
      "tbody",
      {},
      rows.map((row) => {
        const wordings = new Set([...row.cells.values()].map(norm));
        return el(
          "tr",
          { class: "claim-row", "data-claim-id": row.claim.claim_id, "data-outlets": row.cells.size },
          el("td", {}, el("a", { href: route("speaker", row.speaker.speaker_id) }, row.speaker.name),
            el("span", { class: "claim-speaker" }, plural(row.cells.size, "outlet"))),
          outlets.map((o) =>
            row.cells.has(o)
              ? el("td", { class: wordings.size > 1 ? "wording differs" : "wording", "data-source": o }, row.cells.get(o))
              : el("td", { class: "none", "data-source": o }, "—"),
          ),
        );
      }),
    ),
  );
  return table;
}

async function loadClaims(story, section) {
  const speakers = story.quotes_by_speaker.filter((s) => s.has_claims).slice(0, MAX_CLAIM_SPEAKERS);
  const results = await Promise.all(
    speakers.map((s) =>
      getJSON(`/speakers/${encodeURIComponent(s.speaker_id)}/claims?limit=100`)
        .then((page) => [s.speaker_id, page.claims])
        .catch(() => [s.speaker_id, []]),
    ),
  );
  const rows = claimRows(story, new Map(results));
  section.replaceChildren(
    el("h2", {}, "Claims across outlets"),
    el("p", { class: "muted small" }, "Each row is one claim; each column the wording an outlet used."),
    rows.length ? sideBySide(story, rows) : el("p", { class: "muted" }, "No claims recorded for this story."),
  );
  section.dataset.loaded = "true";
}

async function renderStory(id, params) {
  const story = await getJSON(`/stories/${encodeURIComponent(id)}`);
  const first = story.first || {};
  const claims = el("section", { id: "claims" }, el("h2", {}, "Claims across outlets"), el("p", { class: "muted" }, "Loading…"));
  main.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← Stories now")),
    el("h1", { id: "headline" }, story.headline || "(no headline)"),
    el(
      "div",
      { class: "meta" },
      el("span", { class: "counts" }, `${plural(story.outlet_count, "outlet")} · ${plural(story.article_count, "article")}`),
      el("span", { class: "first" }, "first reported by ", first.source || "—", ", ", fmtTime(story.first_at)),
      el("span", {}, "last activity: ", fmtTime(story.last_activity)),
    ),
    timeline(story, params.get("article")),
    claims,
    quotesBySpeaker(story),
  );
  const target = params.get("article") && document.getElementById(`article-${params.get("article")}`);
  if (target) target.scrollIntoView({ block: "center" });
  const speakers = new Set(story.quotes_by_speaker.map((s) => s.speaker_id));
  const known = new Set(story.articles.map((a) => a.article_id));
  const fresh = new Set();
  let claimsChanged = false;
  view = {
    refresh: () => render(),
    onEvent(type, event) {
      if (type === "overflow") return { count: fresh.size, label: "new updates" };
      if (type === "article" && event.cluster_id === story.cluster_id && !known.has(event.article_id)) {
        fresh.add(event.article_id);
      } else if (type === "speaker" && speakers.has(event.speaker_id)) {
        claimsChanged = true;
      } else {
        return null;
      }
      return { count: fresh.size, label: claimsChanged ? "claims updated" : "" };
    },
  };
  await loadClaims(story, claims);
}

async function renderArticle(id) {
  const article = await getJSON(`/articles/${encodeURIComponent(id)}`);
  location.replace(`${route("story", article.cluster.cluster_id)}?article=${encodeURIComponent(id)}`);
}

// -- a speaker ---------------------------------------------------------------------

function claimCard(claim) {
  const outlets = [];
  for (const s of claim.sources || []) if (!outlets.includes(s.source)) outlets.push(s.source);
  return el(
    "article",
    { class: "card claim", "data-claim-id": claim.claim_id, "data-outlets": outlets.length },
    el("blockquote", { class: "claim-text" }, claim.text),
    el(
      "div",
      { class: "meta" },
      el("span", { class: "counts" }, `${plural(outlets.length, "outlet")} · ${plural(claim.count || 0, "article")}`),
      el("span", {}, "first seen ", fmtTime(claim.first_seen)),
      el("span", {}, "last seen ", fmtTime(claim.last_seen)),
    ),
    el("div", { class: "chips" }, outlets.map((o) => el("span", { class: "chip outlet-chip" }, o || "unknown"))),
    (claim.variants || []).length > 1
      ? el("div", { class: "variants" }, el("div", { class: "label" }, "Wordings"),
          el("ul", { class: "plain" }, claim.variants.map((v) => el("li", { class: "variant" }, "“", v, "”"))))
      : null,
    el(
      "ul",
      { class: "plain sources" },
      (claim.sources || []).map((s) =>
        el(
          "li",
          { class: "source", "data-article-id": s.article_id },
          outletLink(s.source, s.url),
          " · ",
          el("a", { href: route("article", s.article_id), title: "The article in its story" }, s.article_id),
          s.published_at ? el("span", { class: "muted small" }, " · published ", fmtTime(s.published_at)) : null,
        ),
      ),
    ),
  );
}

async function renderSpeaker(id, params) {
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const path = `/speakers/${encodeURIComponent(id)}`;
  const [speaker, claims] = await Promise.all([
    getJSON(path),
    getJSON(`${path}/claims?offset=${(page - 1) * PAGE_SIZE}&limit=${PAGE_SIZE}`),
  ]);
  const pages = Math.max(1, Math.ceil(claims.total / PAGE_SIZE));
  const facts = el("dl", { class: "facts" });
  for (const [label, values] of [
    ["Also named", speaker.aliases.filter((a) => a !== speaker.name)],
    ["Roles", speaker.roles],
    ["Organisations", speaker.organizations],
  ]) {
    facts.append(el("dt", {}, label), el("dd", { class: label.toLowerCase().replace(" ", "-") }, values.length ? values.join(" · ") : "—"));
  }
  const pageButton = (n, label) => {
    const button = el("button", { type: "button" }, label);
    button.addEventListener("click", () => { location.hash = `${route("speaker", id)}?page=${n}`; });
    return button;
  };
  main.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← Stories now")),
    el("h1", { id: "speaker-name" }, speaker.name),
    facts,
    el("p", { class: "muted" }, `${plural(speaker.claim_count, "claim")}, most widely reported first`),
    el("div", { id: "claims" }, claims.claims.map(claimCard)),
    pages > 1
      ? el("div", { class: "pager" },
          page > 1 ? pageButton(page - 1, "← More reported") : null,
          el("span", { class: "muted" }, `page ${page} of ${pages}`),
          page < pages ? pageButton(page + 1, "Less reported →") : null)
      : null,
  );
  const baseline = speaker.report_count || 0;
  view = {
    refresh: () => render(),
    onEvent(type, event) {
      if (type === "overflow") return { count: 0, label: "new updates" };
      if (type !== "speaker" || event.speaker_id !== speaker.speaker_id) return null;
      const count = Math.max(0, (event.reports || 0) - baseline);
      return { count, label: count ? "" : "claims updated" };
    },
  };
}

// -- routing -----------------------------------------------------------------------

async function render() {
  setNotice(0, "");
  view = { onEvent: () => null, refresh: () => render() };
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?", 2);
  const params = new URLSearchParams(query || "");
  const [kind, ...rest] = path.split("/");
  const id = decodeURIComponent(rest.join("/"));
  document.body.dataset.view = kind || "stories";
  document.body.dataset.rendered = "false";
  try {
    if (kind === "story" && id) await renderStory(id, params);
    else if (kind === "speaker" && id) await renderSpeaker(id, params);
    else if (kind === "article" && id) await renderArticle(id);
    else await renderStories(params);
  } catch (error) {
    const message = error.status === 404 ? "Not found: it may have left the window." : String(error.message || error);
    main.replaceChildren(el("p", {}, el("a", { href: "#/" }, "← Stories now")), el("p", { class: "error" }, message));
  }
  document.body.dataset.rendered = "true";
}

let searchTimer = null;
searchInput.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    const q = searchInput.value.trim();
    location.hash = q ? `#/?q=${encodeURIComponent(q)}` : "#/";
  }, 300);
});
searchForm.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(searchTimer);
  const q = searchInput.value.trim();
  location.hash = q ? `#/?q=${encodeURIComponent(q)}` : "#/";
});

window.addEventListener("hashchange", render);
render();
connectLive();
