// The review page: a virtual list of clips, keyboard review, verdicts in local storage,
// review.json export and import. No network: the data is embedded, audio is relative.
"use strict";
(() => {
  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const ROWS = DATA.rows;
  const FLAGS = DATA.flags.map(([code, label, meaning, tone], rank) => ({ code, label, meaning, tone, rank }));
  const FLAG = Object.fromEntries(FLAGS.map((f) => [f.code, f]));
  const STORE_KEY = "tts-assets-review:" + DATA.page;
  const OVERSCAN = 6;

  const $ = (id) => document.getElementById(id);
  const list = $("list");
  const spacer = $("spacer");
  const detail = $("detail");
  const rowHeight = () =>
    parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--row-h")) || 88;
  let ROW_H = rowHeight();

  // --- review state, kept per page in local storage -----------------------------------

  const idOf = (row) => row.c || row.p[0];
  const byId = new Map(ROWS.map((row, index) => [idOf(row), index]));
  let storageOk = true;
  const state = loadState();

  function loadState() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (saved && saved.version === 1 && typeof saved.verdicts === "object") return saved;
    } catch (e) {
      storageOk = false;
    }
    return { version: 1, verdicts: {}, autoplay: true };
  }

  function saveState() {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) {
      if (storageOk) say("This browser keeps no state for this page: export your verdicts before closing it.", true);
      storageOk = false;
    }
  }

  const verdictOf = (row) => state.verdicts[idOf(row)] || null;
  const reviewable = (row) => !row.st;
  // A clip accepted in an earlier review (and unchanged since) counts as reviewed.
  const decision = (row) => {
    const v = verdictOf(row);
    return v ? v.verdict : row.a ? "earlier" : null;
  };
  // A note (a passage joined from pieces) is worth knowing, not a doubt to review.
  const flagged = (row) => (row.f || []).some(([code]) => !FLAG[code] || FLAG[code].tone !== "note");

  // --- filters and order -------------------------------------------------------------

  let view = [];
  let current = -1; // position in view

  function fill(select, values) {
    for (const value of values) select.append(new Option(value, value));
  }
  fill($("f-type"), [...new Set(ROWS.map((r) => r.t))]);
  fill($("f-voice"), [...new Set(ROWS.filter((r) => r.v).map((r) => r.v))].sort());
  for (const flag of FLAGS) $("f-flag").append(new Option(flag.label, flag.code));
  for (const voice of DATA.voices) $("voice-list").append(new Option(voice));
  $("autoplay").checked = state.autoplay !== false;
  if (!ROWS.some((r) => r.a)) $("f-earlier").parentElement.hidden = true;

  function matches(row, f) {
    if (f.type && row.t !== f.type) return false;
    if (f.voice && row.v !== f.voice) return false;
    if (f.flag === "*" && !flagged(row)) return false;
    if (f.flag === "-" && flagged(row)) return false;
    if (f.flag && f.flag.length > 1 && !(row.f || []).some(([code]) => code === f.flag)) return false;
    const d = decision(row);
    if (f.earlier && d === "earlier") return false;
    if (f.state === "todo" && (d || !reviewable(row))) return false;
    if (f.state === "accept" && d !== "accept" && d !== "earlier") return false;
    if (f.state === "reject" && d !== "reject") return false;
    if (f.text) {
      const v = verdictOf(row);
      const hay = [row.x, row.r, row.s, row.ph, row.hd, row.k, row.c, row.v, ...row.p, v && v.note]
        .filter(Boolean).join("\n").toLowerCase();
      if (!hay.includes(f.text)) return false;
    }
    return true;
  }

  function filters() {
    return {
      type: $("f-type").value,
      flag: $("f-flag").value,
      voice: $("f-voice").value,
      state: $("f-state").value,
      text: $("f-text").value.trim().toLowerCase(),
      earlier: $("f-earlier").checked,
      sort: $("f-sort").value,
    };
  }

  // The view again after a filter or the order changed; the current row stays current
  // when it is still in view.
  function rebuild() {
    const f = filters();
    const wanted = current >= 0 ? view[current] : undefined;
    view = [];
    ROWS.forEach((row, index) => { if (matches(row, f)) view.push(index); });
    // The flags-first order is made with the rows (`flags.flags_first`): a doubted reading
    // by how likely it is wrong, as `tts-assets readings` ranks it.
    if (f.sort === "flags") view.sort((a, b) => ROWS[a].o - ROWS[b].o);
    for (const button of $("flag-counts").querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.flag === f.flag));
    }
    spacer.style.height = view.length * ROW_H + "px";
    $("empty").hidden = view.length > 0;
    for (const el of shown.values()) el.remove();
    shown.clear();
    const at = wanted === undefined ? -1 : view.indexOf(wanted);
    current = at >= 0 ? at : view.length ? 0 : -1;
    if (at < 0) list.scrollTop = 0;
    reveal(Math.max(current, 0));
    showDetail();
  }

  // --- the virtual list: only the rows on screen exist -------------------------------

  const shown = new Map(); // position in view -> element

  function paint() {
    const top = list.scrollTop;
    const height = list.clientHeight || window.innerHeight;
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(view.length, Math.ceil((top + height) / ROW_H) + OVERSCAN);
    for (const [pos, el] of shown) {
      if (pos < first || pos >= last) { el.remove(); shown.delete(pos); }
    }
    const fresh = document.createDocumentFragment();
    for (let pos = first; pos < last; pos++) {
      if (!shown.has(pos)) {
        const el = rowElement(pos);
        shown.set(pos, el);
        fresh.append(el);
      }
    }
    spacer.append(fresh);
  }
  list.addEventListener("scroll", paint, { passive: true });
  window.addEventListener("resize", () => { ROW_H = rowHeight(); paint(); });

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
    return el;
  }

  const seconds = (s) => (s === undefined ? "" : s.toFixed(s < 10 ? 2 : 1) + " s");

  function rowElement(pos) {
    const index = view[pos];
    const row = ROWS[index];
    const d = decision(row);
    const v = verdictOf(row);
    const prev = pos > 0 ? ROWS[view[pos - 1]] : null;
    const label = row.x.length > 40 ? row.x.slice(0, 40) + "…" : row.x;
    const audio = reviewable(row) ? h("audio", { preload: "none", src: row.u || row.c }) : null;
    const el = h(
      "div",
      {
        class: ["row", d && d !== "earlier" ? d : "", d === "earlier" ? "earlier" : "",
          prev && prev.e !== row.e ? "group-start" : ""].filter(Boolean).join(" "),
        role: "listitem",
        "data-key": row.k || "",
        "data-clip": row.c || "",
        "data-status": row.st || "clip",
        "data-flagged": flagged(row) ? "yes" : "no",
        "data-pos": pos,
        "aria-posinset": pos + 1,
        "aria-setsize": view.length,
        "aria-current": pos === current ? "true" : "false",
        style: `top:${pos * ROW_H}px`,
        onclick: (event) => { if (!event.target.closest("button")) select(pos, false); },
        onfocusin: () => { if (current !== pos) select(pos, false); },
      },
      h("button", {
        type: "button", class: "play", "aria-label": `Play: ${label}`, disabled: !audio,
        text: "▶", onclick: () => { select(pos, false); play(); },
      }),
      reviewable(row) ? waveCanvas(row, "wave") : h("span", { class: "wave" }),
      h("div", { class: "words" },
        h("div", { class: "text", lang: row.l }, ...spokenWords(row)),
        row.st
          ? h("div", { class: "said" }, h("span", { class: "why", text: row.why || "" }))
          : h("div", { class: "said" },
            row.r ? h("span", { class: "reading", lang: row.l, text: row.r }) : null,
            // What was said, in the content's own script, where it is not simply the
            // written text; the phonemes (IPA) only when asked for.
            row.s ? h("span", { class: "spoken", lang: row.l, text: "said: " + row.s }) : null,
            row.ph && state.phonemes ? h("span", { class: "spoken ipa", text: "/" + row.ph + "/" }) : null,
            // The pitch accent it was told (H high, L low per mora), for accent drills.
            row.pt ? h("span", { class: "pitch", text: "accent: " + row.pt }) : null,
            // What the listening check heard, where it is not what was meant.
            row.ls === "flagged" ? h("span", { class: "heard", lang: row.l, text: "heard: " + (row.hd || "(nothing)") }) : null),
        h("div", { class: "place" }, row.p[0],
          row.p.length > 1 ? h("span", { class: "more", text: ` +${row.p.length - 1} more` }) : null,
          h("span", { class: "note", text: (v && v.note) || "" }))),
      h("div", { class: "facts" },
        h("div", { text: row.st ? "" : seconds(row.d) }),
        h("div", { text: row.v || "" }),
        // A twin: its text's clip stretched to this tempo (a ladder's rung).
        row.tm ? h("div", { class: "tempo", text: `${row.tm}× twin` }) : null),
      h("ul", { class: "flags", "aria-label": "Flags" },
        ...(row.f || []).map(([code, text]) => h("li", {
          class: `flag ${FLAG[code] ? FLAG[code].tone : ""}`,
          title: text, text: FLAG[code] ? FLAG[code].label : code,
        }))),
      h("div", { class: "decision" },
        h("button", {
          type: "button", class: "accept", "aria-label": `Accept: ${label}`,
          "aria-pressed": String(d === "accept" || d === "earlier"), disabled: !reviewable(row),
          text: "✓", onclick: () => { select(pos, false); accept(); },
        }),
        h("button", {
          type: "button", class: "reject", "aria-label": `Reject: ${label}`,
          "aria-pressed": String(d === "reject"), disabled: !reviewable(row),
          text: "✗", onclick: () => { select(pos, false); openReject(); },
        })),
      audio,
    );
    if (audio) {
      audio.addEventListener("error", () => {
        el.classList.add("broken");
        el.querySelector(".facts div").textContent = "audio file missing";
      });
      audio.addEventListener("play", () => progress(el, audio, row.c));
      // The word being spoken is lit, playing or sought (`row.tw`: the clip's timings).
      for (const event of ["timeupdate", "seeked", "ended", "pause"]) {
        audio.addEventListener(event, () => lightWord(el, audio));
      }
    }
    return el;
  }

  // The text as written, each word of the clip's timings in a span of its own (found in
  // the text in order; what lies between stays plain text). Without timings, or when a
  // word is not found as written, the text as it is.
  function spokenWords(row) {
    const words = row.tw || [];
    const parts = [];
    let at = 0;
    for (const [start, end, word] of words) {
      const found = word ? row.x.indexOf(word, at) : -1;
      if (found < 0) return [row.x];
      if (found > at) parts.push(row.x.slice(at, found));
      parts.push(h("span", { class: "w", "data-start": start, "data-end": end, text: word }));
      at = found + word.length;
    }
    if (at < row.x.length) parts.push(row.x.slice(at));
    return parts.length ? parts : [row.x];
  }

  function lightWord(el, audio) {
    const ms = audio.currentTime * 1000;
    const going = !audio.ended && (ms > 0 || !audio.paused);
    for (const w of el.querySelectorAll(".text .w")) {
      const now = going && ms >= Number(w.dataset.start) && ms < Number(w.dataset.end);
      w.classList.toggle("now", now);
      if (now) w.setAttribute("aria-current", "true");
      else w.removeAttribute("aria-current");
    }
  }

  function levels(wave) {
    const bytes = atob(wave || "");
    return Array.from(bytes, (c) => c.charCodeAt(0));
  }

  function waveCanvas(row, cls) {
    const canvas = h("canvas", { class: cls, "aria-hidden": "true" });
    canvas.dataset.wave = row.w || "";
    requestAnimationFrame(() => drawWave(canvas, 0));
    return canvas;
  }

  function drawWave(canvas, played) {
    const peaks = levels(canvas.dataset.wave);
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, width, height);
    if (!peaks.length) return;
    const step = width / peaks.length;
    const middle = height / 2;
    peaks.forEach((level, i) => {
      const half = Math.max(ratio / 2, (level / 255) * middle);
      g.fillStyle = level >= 254 ? "#b3261e" : i / peaks.length < played ? "#1f5fbf" : "#8fa3b8";
      g.fillRect(i * step + step * 0.15, middle - half, step * 0.7, half * 2);
    });
  }

  // While a clip plays, its waveforms (in its row, and in the panel if it is shown there)
  // fill from the left.
  function progress(el, audio, clip) {
    const tick = () => {
      const playing = !audio.paused && !audio.ended;
      const done = playing && audio.duration ? audio.currentTime / audio.duration : 0;
      const big = detail.querySelector("canvas.wave-big");
      for (const c of [el.querySelector("canvas.wave"), big && big.dataset.clip === clip ? big : null]) {
        if (c) drawWave(c, done);
      }
      lightWord(el, audio);
      if (playing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  // --- the current row ---------------------------------------------------------------

  function rowEl(pos) { return shown.get(pos) || null; }

  function reveal(pos) {
    const top = pos * ROW_H;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_H > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_H - list.clientHeight;
    paint();
  }

  function select(pos, moved) {
    if (pos < 0 || pos >= view.length) return;
    const old = rowEl(current);
    if (old) old.setAttribute("aria-current", "false");
    current = pos;
    reveal(pos);
    const el = rowEl(pos);
    if (el) el.setAttribute("aria-current", "true");
    showDetail();
    if (moved && $("autoplay").checked && reviewable(ROWS[view[pos]])) play();
  }

  function move(by) {
    if (!view.length) return;
    select(Math.min(view.length - 1, Math.max(0, current + by)), true);
  }

  function nextFlag(direction) {
    const n = view.length;
    for (let step = 1; step <= n; step++) {
      const pos = (((current + direction * step) % n) + n) % n;
      const row = ROWS[view[pos]];
      if (flagged(row) && reviewable(row) && !decision(row)) { select(pos, true); return; }
    }
    say("No unreviewed flagged clip in this view.");
  }

  function currentAudio() {
    const el = rowEl(current);
    return el ? el.querySelector("audio") : null;
  }

  function play() {
    const audio = currentAudio();
    if (!audio) return;
    for (const other of document.querySelectorAll("audio")) if (other !== audio) other.pause();
    audio.currentTime = 0;
    const started = audio.play();
    // Moving on while a clip starts interrupts it (AbortError): that is no failure.
    if (started) {
      started.catch((e) => {
        if (e.name !== "AbortError") say(`This clip does not play here (${e.message}); is its file there?`, true);
      });
    }
  }

  // --- verdicts ----------------------------------------------------------------------

  const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

  function setVerdict(row, verdict) {
    if (verdict) state.verdicts[idOf(row)] = verdict;
    else delete state.verdicts[idOf(row)];
    saveState();
    const el = rowEl(view.indexOf(ROWS.indexOf(row)));
    if (el) showVerdict(el, row);
    summarize();
    showDetail();
  }

  // The row is updated in place, so a clip that is playing goes on playing.
  function showVerdict(el, row) {
    const d = decision(row);
    const v = verdictOf(row);
    el.classList.toggle("accept", d === "accept");
    el.classList.toggle("reject", d === "reject");
    el.classList.toggle("earlier", d === "earlier");
    el.querySelector("button.accept").setAttribute("aria-pressed", String(d === "accept" || d === "earlier"));
    el.querySelector("button.reject").setAttribute("aria-pressed", String(d === "reject"));
    el.querySelector(".note").textContent = (v && v.note) || "";
  }

  function accept() {
    const row = ROWS[view[current]];
    if (!row || !reviewable(row)) return;
    setVerdict(row, { verdict: "accept", note: "", reading: null, voice: null, at: now() });
    move(1);
  }

  function clearVerdict() {
    const row = ROWS[view[current]];
    if (row && verdictOf(row)) setVerdict(row, null);
  }

  function openReject() {
    const row = ROWS[view[current]];
    if (!row || !reviewable(row)) return;
    const v = verdictOf(row);
    $("reject-text").textContent = row.x;
    $("reject-text").classList.toggle("long", row.x.length > 30);
    $("reject-text").lang = row.l;
    // A provider that says a text the same way every time would make the same clip again.
    $("reject-hint").textContent = DATA.same.includes(row.pv)
      ? `${row.pv} says a text the same way every time: without a reading or a voice, ` +
        "nothing changes (give one of them to fix the clip)."
      : "Without a reading or a voice, the clip is made again (a new take).";
    $("reject-note").value = v && v.verdict === "reject" ? v.note : "";
    $("reject-reading").value = (v && v.reading) || "";
    // A reading is one word's: a sentence needs the word that was misread.
    const oneWord = new RegExp(`^(?:${DATA.word.pattern})$`).test(row.x);
    $("reject-word").value = (v && v.word) || "";
    $("reject-word").maxLength = DATA.word.max;
    $("reject-reading").maxLength = DATA.word.readingMax;
    $("reject-word").placeholder = oneWord ? row.x : "e.g. the word as it is written";
    $("reject-dialog").dataset.oneWord = oneWord ? "1" : "";
    $("reject-voice").value = (v && v.voice) || "";
    $("reject-dialog").dataset.row = idOf(row);
    $("reject-dialog").showModal();
    $("reject-note").focus();
  }

  // A reading for a sentence needs its word: the form asks before it closes.
  const needWord = () => {
    const word = $("reject-word").value.trim();
    const missing = !$("reject-dialog").dataset.oneWord && $("reject-reading").value.trim() &&
      !word;
    // A word is one word (review --apply refuses the others): no space, punctuation or
    // sentence end in it.
    const notOne = word && !new RegExp(`^(?:${DATA.word.pattern})$`).test(word);
    $("reject-word").setCustomValidity(missing
      ? "Which word was misread? Give it as it is written in the text, with its reading."
      : notOne
        ? "Give one word as it is written, without spaces, punctuation or a sentence end."
        : "");
  };
  $("reject-reading").addEventListener("input", needWord);
  $("reject-word").addEventListener("input", needWord);
  $("reject-save").addEventListener("click", needWord);

  $("reject-dialog").addEventListener("close", () => {
    const dialog = $("reject-dialog");
    const row = ROWS[byId.get(dialog.dataset.row)];
    if (dialog.returnValue !== "reject" || !row) { list.focus(); return; }
    dialog.returnValue = "";
    const text = (id) => $(id).value.trim() || null;
    const reading = text("reject-reading");
    setVerdict(row, {
      verdict: "reject", note: $("reject-note").value.trim(), reading,
      word: reading ? text("reject-word") : null, voice: text("reject-voice"), at: now(),
    });
    list.focus();
    move(1);
  });

  // --- the side panel and the header --------------------------------------------------

  function showDetail() {
    detail.replaceChildren();
    const row = ROWS[view[current]];
    if (!row) { detail.append(h("p", { text: "No clip selected." })); return; }
    const d = decision(row);
    const v = verdictOf(row);
    const big = h("p", { class: "big" + (row.x.length > 30 ? " long" : ""), lang: row.l, text: row.x });
    const facts = [
      ["Reading", row.r, row.l],
      ["Said", row.s || (row.st ? null : row.x), row.l],
      ["Phonemes", row.ph],
      ["Accent told", row.pt],
      // The listening check: what it heard and its verdict, or why it did not judge.
      ["Heard", row.ls === "not checked" ? `not checked: ${row.ln}`
        : row.ls ? `${row.hd || "(nothing)"} (${row.ls}${row.ln ? ": " + row.ln : ""})` : row.ln || null,
      row.ls && row.ls !== "not checked" ? row.l : undefined],
      ["Voice", row.v ? `${row.v} (${row.pv}), ${row.l}` : row.l],
      ["Tempo", row.tm ? `${row.tm}×: its text's clip stretched (a twin)` : null],
      ["Length", row.d !== undefined ? `${seconds(row.d)} (speech ${seconds(row.sp)})` : null],
      ["Loudness", row.lu !== undefined ? `${row.lu} LUFS, peak ${row.pk}` : null],
      ["Pieces", row.n ? String(row.n) : null],
      ["Clip", row.c || null],
      ["Not voiced", row.st ? row.why : null],
    ].filter(([, value]) => value);
    const canvas = reviewable(row) ? waveCanvas(row, "wave-big") : null;
    if (canvas) canvas.dataset.clip = row.c;
    detail.append(...[
      big,
      canvas,
      h("dl", {}, ...facts.flatMap(([name, value, lang]) => [h("dt", { text: name }), h("dd", { lang, text: value })])),
      row.f && row.f.length ? h("h3", { text: "Flags" }) : null,
      row.f && row.f.length ? h("ul", {}, ...row.f.map(([code, text]) =>
        h("li", {}, h("strong", { text: (FLAG[code] ? FLAG[code].label : code) + ": " }), text || (FLAG[code] || {}).meaning || ""))) : null,
      h("h3", { text: row.p.length > 1 ? `Used at ${row.p.length} places` : "Place" }),
      h("ul", {}, ...row.p.map((place) => h("li", { text: place }))),
      d ? h("p", {
        class: "verdict " + (d === "earlier" ? "accept" : d),
        text: d === "accept" ? "Accepted" : d === "earlier" ? "Accepted in an earlier review"
          : "Rejected" + (v.note ? `: ${v.note}` : "") + (v.reading ? ` · reading ${v.reading}` : "") + (v.voice ? ` · voice ${v.voice}` : ""),
      }) : null,
      reviewable(row) ? h("div", { class: "buttons" },
        h("button", { type: "button", text: "Play (space)", onclick: play }),
        h("button", { type: "button", text: "Accept (a)", onclick: accept }),
        h("button", { type: "button", text: "Reject… (r)", onclick: openReject }),
        v ? h("button", { type: "button", text: "Clear verdict (x)", onclick: clearVerdict }) : null) : null,
    ].filter(Boolean));
  }

  // The header and the flag buttons count the same rows: every row a doubt is flagged on,
  // a text without a clip too (a note, such as "Joined", is no doubt and counted apart).
  function summarize() {
    let clips = 0, flaggedRows = 0, reviewed = 0, accepted = 0, rejected = 0, todo = 0;
    for (const row of ROWS) {
      if (flagged(row)) flaggedRows++;
      if (!reviewable(row)) continue;
      clips++;
      const d = decision(row);
      if (d) reviewed++;
      if (d === "accept" || d === "earlier") accepted++;
      if (d === "reject") rejected++;
      if (flagged(row) && !d) todo++;
    }
    const others = ROWS.length - clips;
    $("summary").textContent =
      `${clips} clips${others ? ` and ${others} texts without one` : ""} · ${flaggedRows} flagged, ` +
      `${todo} clips of them to review · ${reviewed} reviewed (${accepted} accepted, ${rejected} rejected) · ` +
      `made ${DATA.generated.replace("T", " ").replace("Z", " UTC")}`;
  }

  function flagButtons() {
    const counts = {};
    for (const row of ROWS) for (const [code] of row.f || []) counts[code] = (counts[code] || 0) + 1;
    const nav = $("flag-counts");
    let notes = false;
    for (const flag of FLAGS) {
      if (!counts[flag.code]) continue;
      if (flag.tone === "note" && !notes) {
        notes = true;
        nav.append(h("span", { class: "notes", text: "Notes (not flags):" }));
      }
      nav.append(h("button", {
        type: "button", "data-flag": flag.code, title: flag.meaning, "aria-pressed": "false",
        onclick: () => {
          $("f-flag").value = $("f-flag").value === flag.code ? "" : flag.code;
          rebuild();
        },
      }, flag.label, h("span", { class: "n", text: String(counts[flag.code]) })));
    }
    if (!FLAGS.some((f) => f.tone !== "note" && counts[f.code]))
      nav.prepend(h("span", { class: "none", text: "No flags: nothing the tool doubts." }));
  }

  let sayTimer = 0;
  function say(message, error) {
    const status = $("status");
    status.textContent = message;
    status.classList.toggle("error", Boolean(error));
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => { status.textContent = ""; }, 8000);
  }

  // --- review.json -------------------------------------------------------------------

  function exportReview() {
    const verdicts = [];
    for (const row of ROWS) {
      const v = verdictOf(row);
      if (!v || !reviewable(row)) continue;
      verdicts.push({
        key: row.k, clip: row.c, places: row.p, text: row.x, verdict: v.verdict,
        note: v.note || "", reading: v.verdict === "reject" ? v.reading || null : null,
        word: v.verdict === "reject" && v.reading ? v.word || null : null,
        voice: v.verdict === "reject" ? v.voice || null : null, at: v.at,
      });
    }
    const doc = { format: DATA.format, version: DATA.version, page: DATA.page, exported: now(), verdicts };
    const blob = new Blob([JSON.stringify(doc, null, 1) + "\n"], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "review.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say(`Exported ${verdicts.length} verdicts as review.json.`);
  }

  function importReview(text) {
    let doc;
    try { doc = JSON.parse(text); } catch (e) { say("That file is not JSON: not imported.", true); return; }
    if (!doc || doc.format !== DATA.format || !Array.isArray(doc.verdicts)) {
      say("That file is not a tts-assets review.json: not imported.", true);
      return;
    }
    if (doc.version !== DATA.version) {
      say(`That review.json is version ${doc.version}; this page reads version ${DATA.version}.`, true);
      return;
    }
    let taken = 0, elsewhere = 0;
    for (const v of doc.verdicts) {
      const index = v && byId.get(v.clip);
      const row = index === undefined ? null : ROWS[index];
      if (!row || row.k !== v.key || (v.verdict !== "accept" && v.verdict !== "reject")) { elsewhere++; continue; }
      state.verdicts[idOf(row)] = {
        verdict: v.verdict, note: v.note || "", reading: v.reading || null, word: v.word || null,
        voice: v.voice || null, at: v.at || now(),
      };
      taken++;
    }
    saveState();
    summarize();
    rebuild();
    say(`Imported ${taken} verdicts` + (elsewhere ? `; ${elsewhere} name clips not on this page (their text or voice changed since) and were left out.` : "."));
  }

  $("export").addEventListener("click", exportReview);
  $("import").addEventListener("click", () => $("import-file").click());
  $("import-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) importReview(await file.text());
    event.target.value = "";
  });

  // --- keyboard ----------------------------------------------------------------------

  // [keys shown in the help, what they do, the action, the event keys that run it]
  const KEYS = [
    [["j", "↓"], "next clip", () => move(1), ["j", "ArrowDown"]],
    [["k", "↑"], "previous clip", () => move(-1), ["k", "ArrowUp"]],
    [["space", "p"], "play or replay", play, [" ", "p"]],
    [["a"], "accept, then next", accept, ["a"]],
    [["r"], "reject with a note (and a reading or voice), then next", openReject, ["r"]],
    [["x"], "clear the verdict", clearVerdict, ["x"]],
    [["n"], "next unreviewed flagged clip", () => nextFlag(1), ["n"]],
    [["N"], "previous unreviewed flagged clip", () => nextFlag(-1), ["N"]],
    [["Home"], "first clip", () => select(0, true), ["Home"]],
    [["End"], "last clip", () => select(view.length - 1, true), ["End"]],
    [["/"], "find", () => $("f-text").focus(), ["/"]],
    [["?"], "this help", () => $("help").showModal(), ["?"]],
    [["Esc"], "leave the search field, close a dialog", null, []],
  ];
  const ACTION = {};
  for (const [shownKeys, what, action, keys] of KEYS) {
    for (const key of keys) ACTION[key] = action;
    $("help-keys").append(h("tr", {},
      h("th", {}, ...shownKeys.flatMap((k, i) => [i ? " " : "", h("kbd", { text: k })])),
      h("td", { text: what })));
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (document.querySelector("dialog[open]")) return;
    if (target.closest && target.closest("input, select, textarea")) {
      if (event.key === "Escape" || (event.key === "Enter" && target.id === "f-text")) {
        target.blur();
        list.focus();
        event.preventDefault();
      }
      return;
    }
    // A focused button keeps Enter; space plays rather than pressing it.
    const action = ACTION[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  for (const id of ["f-type", "f-flag", "f-voice", "f-state", "f-sort", "f-earlier"]) {
    $(id).addEventListener("change", () => rebuild());
  }
  let typing = 0;
  $("f-text").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => rebuild(), 150); });
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  $("autoplay").addEventListener("change", () => { state.autoplay = $("autoplay").checked; saveState(); });
  $("show-phonemes").checked = Boolean(state.phonemes);
  $("show-phonemes").addEventListener("change", () => {
    state.phonemes = $("show-phonemes").checked;
    saveState();
    rebuild();
  });
  $("next-flag").addEventListener("click", () => nextFlag(1));
  $("help-open").addEventListener("click", () => $("help").showModal());

  flagButtons();
  summarize();
  if (!storageOk) say("This browser keeps no state for this page: export your verdicts before closing it.", true);
  rebuild();
  list.focus();
  performance.mark("review-ready");
  document.documentElement.dataset.ready = "true";
})();
