"""How fast the sentence browser is in a real browser: ``python -m attrib.evaluation.browser_bench``.

Builds a synthetic corpus (50,000 sentences by default, in Greek, Hungarian and English, with
outlets, dates, chains, hedges and framing terms), writes its ``browser.html``, opens it from
``file://`` in Debian's headless chromium (driven by Selenium with ``/usr/bin/chromedriver``)
and reads the page's own ``performance.now()`` figures: load (navigation start until the
first page of sentences is rendered) and each filter and search (filtering every sentence
and rendering the first page). Writes ``reports/browser.md``. Needs ``pip install selenium``
and ``apt-get install chromium chromium-driver``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from attrib.atomic import write_text_atomic
from attrib.report.browser import browser_records, write_browser

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900")
SOURCES = [("reuters", "Reuters", "wire_agency"), ("ria", "RIA", "state_media"), ("tass", "TASS", "state_media"),
           ("peskov", "Peskov", "government"), ("tokayev", "Tokayev", "government"), ("mti", "MTI", "state_media"),
           ("afp", "AFP", "wire_agency"), ("x:officials", "officials", "unnamed"), ("x:witnesses", "witnesses",
           "unnamed"), ("hrw", "Human Rights Watch", "ngo"), ("x:account", "account", "social_media")]
WORDS = {"el": "οι διαδηλωτές συγκεντρώθηκαν στην πλατεία και η κυβέρνηση ανακοίνωσε νέα μέτρα για την ασφάλεια "
               "της πόλης μετά τις ταραχές της νύχτας",
         "hu": "a tüntetők a téren gyűltek össze és a kormány új intézkedéseket jelentett be a város biztonsága "
               "érdekében az éjszakai zavargások után",
         "en": "protesters gathered in the square and the government announced new measures for the security of "
               "the city after the unrest of the night"}
VOCABULARY = {lang: words.split() for lang, words in WORDS.items()}
CUES = {"el": "σύμφωνα με", "hu": "szerint", "en": "say"}
TERMS = [("terrorists", "terrorism"), ("protesters", "protest"), ("bandits", "criminality"), ("riot", "riot")]


def start_chromium(profile: Path | None = None):
    """A Selenium driver for headless Debian chromium with a fresh profile (no downloads, no network).

    Args:
        profile: the ``--user-data-dir`` (a new temporary folder by default).
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile or tempfile.mkdtemp(prefix='attrib-chromium-')}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def _sentence(rng: random.Random, lang: str, doc_id: str, sent_id: int) -> tuple[dict, list[dict]]:
    """One synthetic sentence row (attributed two times in three) and its framing rows."""
    words = rng.choices(VOCABULARY[lang], k=rng.randint(12, 28))
    chain = []
    if rng.random() < 0.66:
        picked = rng.sample(SOURCES, rng.choice((1, 1, 1, 2)))
        chain = [{"source_id": i, "name": n, "type": t, "surface": n, "cue": CUES[lang], "resolution": "registry"}
                 for i, n, t in picked]
        words = [chain[0]["surface"], CUES[lang], *words]
    term = rng.choice(TERMS) if rng.random() < 0.15 else None
    words += [term[0]] if term else []
    text = " ".join(words).capitalize() + "."
    row = {"doc_id": doc_id, "sent_id": sent_id, "para_id": sent_id, "start": 0, "end": len(text), "text": text,
           "lang": lang, "kind": "paragraph", "is_headline": sent_id == 0, "is_tweet": False, "attributed": bool(chain),
           "chain": chain, "quote": "indirect" if chain else "none", "hedges": ["reportedly"] if rng.random() < .05
           else []}
    frames = [{"doc_id": doc_id, "sent_id": sent_id, "term": term[0], "lemma": term[0], "category": term[1]}] if term else []
    return row, frames


def synthetic_tables(n_sentences: int = 50_000, per_doc: int = 20, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A synthetic annotated corpus: sentences, framing and documents tables, ``per_doc`` sentences a document."""
    rng, sentences, framing, documents = random.Random(seed), [], [], []
    for d in range((n_sentences + per_doc - 1) // per_doc):
        lang, doc_id = rng.choice(("el", "hu", "en")), f"doc{d:05d}"
        count = min(per_doc, n_sentences - d * per_doc)
        for s in range(count):
            row, frames = _sentence(rng, lang, doc_id, s)
            sentences.append(row)
            framing += frames
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365))
        documents.append({"doc_id": doc_id, "outlet": f"outlet{rng.randrange(12)}", "lang": lang,
                          "url": f"https://news{d % 7}.example/{doc_id}", "published": pd.Timestamp(day, tz="UTC")})
    return {"sentences": pd.DataFrame(sentences), "documents": pd.DataFrame(documents),
            "framing": pd.DataFrame(framing, columns=["doc_id", "sent_id", "term", "lemma", "category"])}


ACTIONS = {  # name: JavaScript that changes one control (the page's own handler runs the filter)
    "language = hu": "setF('lang', 'hu', 'change')",
    "source type = state_media": "setF('type', 'state_media', 'change')",
    "attributed = no": "setF('attributed', 'no', 'change')",
    "month = 2022-06": "setF('month', '2022-06', 'change')",
    "search 'government' (typed, after the 250 ms debounce)": "setF('q', 'government', 'input')",
    "search 'κυβέρνηση πόλης' (two words)": "setF('q', 'κυβέρνηση πόλης', 'input')",
    "hash link #chain=RIA ← Peskov": "location.hash = 'chain=' + encodeURIComponent('RIA ← Peskov')",
    "clear all filters": "document.getElementById('clear').click()",
}
SET_F = ("window.setF = (k, v, ev) => { const c = document.getElementById('f-' + k); c.value = v;"
         " c.dispatchEvent(new Event(ev)); };")


def _timed(driver, script: str) -> tuple[float, str]:
    """Run one action; wait until the page has filtered; return its ms and the count shown."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.attribTiming.filter = null; " + script)
    WebDriverWait(driver, 60, poll_frequency=0.02).until(lambda d: d.execute_script(
        "return window.attribTiming.filter !== null"))
    return driver.execute_script("return window.attribTiming.filter"), driver.find_element("id", "count").text


def measure(path: Path, driver, repeats: int = 5) -> dict:
    """Load ``path`` ``repeats`` times and time every action of ACTIONS as often; medians and maxima in ms."""
    loads, parses, actions, shown = [], [], {name: [] for name in ACTIONS}, {}
    for _ in range(repeats):
        driver.get("about:blank")
        started = time.perf_counter()
        driver.get(path.resolve().as_uri())
        wall = (time.perf_counter() - started) * 1000
        timing = driver.execute_script("return window.attribTiming")
        loads.append((timing["load"], wall))
        parses.append(timing["parse"])
        driver.execute_script(SET_F)
        for name, script in ACTIONS.items():
            ms, shown[name] = _timed(driver, script)
            actions[name].append(ms)
            if name != "clear all filters":
                driver.execute_script("document.getElementById('clear').click()")
    heap = driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : null")
    return {"load": [x for x, _ in loads], "load_wall": [w for _, w in loads], "parse": parses, "actions": actions,
            "shown": shown, "heap": heap}


def _machine(driver) -> str:
    """CPU, cores, memory, OS, Python and chromium of this run."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else "?"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; {platform.platform()}; Python {platform.python_version()}; "
            f"Chromium {driver.capabilities.get('browserVersion', '?')} headless (Selenium); load average "
            f"{os.getloadavg()[0]:.2f} at the start")


def _row(name: str, values: list[float], shown: str = "") -> str:
    return f"| {name} | {statistics.median(values):.0f} | {max(values):.0f} | {shown} |"


def report_text(n: int, build: dict, figures: dict, machine: str) -> str:
    """``reports/browser.md``: what was measured, on what, and the figures."""
    lines = [_row("load: navigation start → first page rendered (in page)", figures["load"]),
             _row("load: `driver.get` until the load event (Selenium, wall)", figures["load_wall"]),
             _row("navigation start → JSON parsed, records prepared (in page)", figures["parse"])]
    lines += [_row(name, ms, figures["shown"][name]) for name, ms in figures["actions"].items()]
    heap = f"{figures['heap'] / 2**20:.0f} MiB" if figures["heap"] else "not reported"
    return f"""# Sentence browser: load and filter time

Measured {dt.date.today().isoformat()} with `python -m attrib.evaluation.browser_bench --sentences {n}` on {machine}.

A synthetic corpus of {n:,} sentences ({n // 20:,} documents of 20 sentences, Greek, Hungarian and English, twelve
outlets, dates over 2022, two sentences in three attributed, chains of one or two links, framing terms in one
sentence in seven) was written as `browser.html` ({build['size'] / 2**20:.1f} MiB; records built in
{build['records']:.1f} s, page written in {build['write']:.1f} s) and opened from `file://` {build['repeats']} times.
Times are the page's own `performance.now()`: a filter is the time from the control's event to the first page
(200 sentences) rendered, without the 250 ms debounce that typing waits for. JavaScript heap after the runs: {heap}.
A load average above the number of cores means other work shared the machine: read the figures as upper bounds.

| what | median ms | max ms | sentences shown |
| --- | ---: | ---: | --- |
{chr(10).join(lines)}
"""


def main(argv: list[str] | None = None) -> int:
    """Build, load and time the browser; write the report (``--out``, default reports/browser.md)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("reports/browser.md"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="attrib-browser-bench-") as tmp:
        tables, t0 = synthetic_tables(args.sentences), time.perf_counter()
        records, t1 = browser_records(tables["sentences"], tables["framing"], tables["documents"]), time.perf_counter()
        page = write_browser(records, Path(tmp) / "browser.html")
        build = {"records": t1 - t0, "write": time.perf_counter() - t1, "size": page.stat().st_size,
                 "repeats": args.repeats}
        driver = start_chromium(Path(tmp) / "profile")
        try:
            figures, machine = measure(page, driver, args.repeats), _machine(driver)
        finally:
            driver.quit()
    write_text_atomic(args.out, report_text(args.sentences, build, figures, machine))
    print(args.out.read_text("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
