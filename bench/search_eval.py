"""Search evaluation (a script, not a test): top-1 / top-3 accuracy and time per query.

    .venv/bin/python bench/search_eval.py [--method trigram|bm25|all]

Reads tests/data/queries.yaml (realistic queries labelled with the topics that answer them).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import LANGUAGES, load_catalog  # noqa: E402
from bot.search import build_index  # noqa: E402


def evaluate(method: str) -> dict[str, dict[str, float]]:
    catalog = load_catalog(ROOT / "content")
    started = time.perf_counter()
    index = build_index(catalog, method)
    build_ms = (time.perf_counter() - started) * 1000
    queries = yaml.safe_load((ROOT / "tests" / "data" / "queries.yaml").read_text("utf-8"))
    results = {}
    for lang in LANGUAGES:
        top1 = top3 = sections = section_top3 = 0
        times = []
        for item in queries[lang]:
            started = time.perf_counter()
            hits = index.search(item["q"], lang)
            times.append(time.perf_counter() - started)
            found = [h.topic for h in hits]
            top1 += bool(found) and found[0] in item["topics"]
            top3 += any(t in item["topics"] for t in found[:3])
            if "section" in item:  # a question about one section: is its own button offered?
                topic, _, section = item["section"].partition("/")
                sections += 1
                section_top3 += any(h.topic == topic and h.section == section for h in hits[:3])
        n = len(queries[lang])
        times.sort()
        results[lang] = {
            "n": n,
            "top1": top1 / n,
            "top3": top3 / n,
            "sections": sections,
            "section_top3": section_top3 / sections if sections else 0.0,
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[int(0.95 * (n - 1))] * 1000,
        }
    results["_build"] = {"ms": build_ms}
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--method", default="all", choices=["all", "trigram", "bm25"])
    methods = (
        ["trigram", "bm25"]
        if parser.parse_args().method == "all"
        else [parser.parse_args().method]
    )
    print(
        "| method | lang | queries | top-1 | top-3 | section questions "
        "| their section in top 3 | median ms | p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for method in methods:
        results = evaluate(method)
        for lang in LANGUAGES:
            r = results[lang]
            print(
                f"| {method} | {lang} | {r['n']} | {r['top1']:.0%} | {r['top3']:.0%} | "
                f"{r['sections']} | {r['section_top3']:.0%} | "
                f"{r['median_ms']:.2f} | {r['p95_ms']:.2f} |"
            )
        print(f"| {method} | index built in {results['_build']['ms']:.0f} ms | | | | | | | |")


if __name__ == "__main__":
    main()
