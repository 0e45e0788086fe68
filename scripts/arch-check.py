#!/usr/bin/env python3
"""The app's architecture rules, checked on the source (issue 17).

1. The module graph of `app/src` has no cycle. A node is a file module
   (`state`, `pages::dunning`, `i18n::messages`); an edge is a path a
   module names through `crate::` or `super::`. A parent's use of its own
   child modules (`mod en;` then `en::text`) is composition, not an
   import, and is not an edge.
2. No UI string is chosen by language outside `app/src/i18n.rs` and
   `app/src/i18n/`: no `.pick(`, no `fn l(`, no `if en`, no match arm or
   comparison on `Lang::En` / `Lang::Zh`.
3. No fallback arm turns an unknown value into a label (`_ => K::…`)
   outside `i18n/`: a new variant must be given its own text. Inside
   `i18n/`, a translation of a core error that is `#[non_exhaustive]` (the
   compiler requires a wildcard there) falls back to the error's English
   `Display`, and nowhere else.
4. No page file is over 400 lines.

Prints every violation with its file and line and exits 1 if there is any.
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app", "src")
ROOT = os.path.normpath(ROOT)
SRC = ROOT
PAGE_LINES = 400


def modules():
    """Map module path (tuple) -> file, for every file module of the crate."""
    found = {}
    ROOT = SRC
    for dirpath, _dirs, files in os.walk(ROOT):
        for f in files:
            if not f.endswith(".rs"):
                continue
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, ROOT)[:-3].split(os.sep)
            if rel[0] == "bin":
                found[("bin",) + tuple(rel[1:])] = full
                continue
            if rel in (["main"], ["lib"]):
                found[()] = full
                continue
            if rel[-1] == "mod":
                rel = rel[:-1]
            found[tuple(rel)] = full
    return found


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    out = []
    for line in src.split("\n"):
        # Drop // comments that are not inside a string (good enough: the
        # app has no "//" in its Rust string literals except URLs, which
        # never hold `crate::`).
        i = line.find("//")
        out.append(line if i < 0 else line[:i])
    return "\n".join(out)


def resolve(path, mods):
    """The longest module prefix of a path, or None."""
    for n in range(len(path), 0, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    return None


USE_GROUP = re.compile(r"\b(crate|super(?:::super)*)::((?:[A-Za-z_][A-Za-z0-9_]*::)*)\{([^;]*?)\}", re.S)
PATH = re.compile(r"\b(crate|super(?:::super)*)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def edges(mod, src, mods):
    out = set()

    def add(base, rest):
        if base == "crate":
            start = []
        else:
            ups = base.count("super")
            start = list(mod[: len(mod) - ups]) if ups <= len(mod) else []
        target = resolve(start + rest, mods)
        if target is not None and target != mod and target != ():
            # A module naming its own ancestor through `super::` or
            # `crate::` is an import (of the parent's items).
            out.add(target)

    for m in USE_GROUP.finditer(src):
        prefix = [p for p in m.group(2).split("::") if p]
        for item in re.split(r",", m.group(3)):
            item = item.strip()
            if not item:
                continue
            first = re.split(r"::|\s", item)[0].strip("{ ")
            parts = [p for p in item.split("::") if p and "{" not in p and " " not in p]
            add(m.group(1), prefix + (parts[:-1] if len(parts) > 1 else [first]))
    for m in PATH.finditer(src):
        rest = [p for p in m.group(2).split("::") if p]
        add(m.group(1), rest)
    return out


def cycles(graph):
    """Strongly connected components with more than one node."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


LANG_CHOICE = [
    (re.compile(r"\.pick\("), "a string chosen with .pick(en, zh)"),
    (re.compile(r"\bfn l\("), "a local fn l(lang, en, zh)"),
    (re.compile(r"\bif !?(en|zh|zh_lang|is_zh|is_en)\b"), "a string chosen with `if en`"),
    (re.compile(r"Lang::(En|Zh)\s*\)?\s*(=>|\|)"), "a match arm on the language"),
    (re.compile(r"[=!]=\s*Lang::(En|Zh)|Lang::(En|Zh)\s*[=!]="), "a comparison with a language"),
]
FALLBACK = re.compile(r"_\s*=>\s*K::")


def problems_of(src_root):
    """Every violation under a crate's `src` directory."""
    global SRC
    SRC = src_root
    ROOT = src_root
    mods = modules()
    problems = []
    graph = {}
    for mod, path in mods.items():
        if mod and mod[0] == "bin":
            continue
        src = strip_comments(open(path, encoding="utf-8").read())
        graph[mod] = {e for e in edges(mod, src, mods) if not (e and e[0] == "bin")}
    for comp in cycles(graph):
        names = ", ".join("::".join(c) for c in comp)
        problems.append(f"app/src: modules import each other in a cycle: {names}")
        for a in comp:
            for b in sorted(graph[a]):
                if b in comp:
                    problems.append(f"    {'::'.join(a)} -> {'::'.join(b)}")

    for mod, path in sorted(mods.items()):
        rel = os.path.relpath(path, os.path.join(ROOT, "..", ".."))
        in_i18n = mod[:1] == ("i18n",)
        lines = open(path, encoding="utf-8").read().split("\n")
        for no, line in enumerate(lines, 1):
            code = line.split("//")[0]
            if not in_i18n:
                for pat, what in LANG_CHOICE:
                    if pat.search(code):
                        problems.append(f"{rel}:{no}: {what} outside i18n/: {line.strip()}")
            if not in_i18n and FALLBACK.search(code):
                problems.append(f"{rel}:{no}: a fallback arm to a label: {line.strip()}")
        if mod[:1] == ("pages",) and len(lines) > PAGE_LINES:
            problems.append(f"{rel}: {len(lines)} lines; a page file holds at most {PAGE_LINES}")

    return problems, len(graph)


def self_test():
    """The check finds what it is for, on a small made-up crate: a cycle,
    each way of choosing a string outside i18n/, a fallback arm and a long
    page; and nothing on the same crate put right."""
    import tempfile

    def crate(files):
        d = tempfile.mkdtemp()
        for name, text in files.items():
            path = os.path.join(d, "src", name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        return os.path.join(d, "src")

    bad = crate({
        "main.rs": "mod a; mod b; mod i18n; mod pages;",
        "a.rs": "use crate::b::B;\npub struct A;",
        "b.rs": "use crate::a::A;\npub struct B;",
        "i18n.rs": "pub enum Lang { En, Zh }",
        "pages.rs": "pub mod long;",
        "pages/long.rs": "fn f(i: I) { i.pick(\"a\", \"b\"); }\n"
        "fn l(lang: Lang, en: String, zh: String) {}\n"
        "fn g(en: bool) { if en { } }\n"
        "fn h(lang: Lang) { match (1, lang) { (_, Lang::En) => 1, _ => K::X }; }\n"
        "fn k(lang: Lang) -> bool { lang == Lang::Zh }\n" + "\n" * 400,
    })
    found, _ = problems_of(bad)
    text = "\n".join(found)
    expected = ["cycle: a, b", ".pick(en, zh)", "fn l(lang", "`if en`", "match arm",
                "comparison", "fallback arm", "at most 400"]
    missing = [e for e in expected if e not in text]
    good = crate({
        "main.rs": "mod a; mod b; mod i18n; mod pages;",
        "a.rs": "use crate::b::B;\npub struct A;",
        "b.rs": "pub struct B;",
        "i18n.rs": "pub enum Lang { En, Zh }\nfn t(l: Lang) -> &'static str { match l { Lang::En => \"a\", Lang::Zh => \"b\" } }",
        "pages.rs": "pub mod short;",
        "pages/short.rs": "fn f(i: I) { i.t(K::X); }\n",
    })
    extra, _ = problems_of(good)
    if missing or extra:
        print(f"arch-check self-test FAILED: not found {missing}; found on a clean crate {extra}")
        return 1
    print("arch-check self-test: every kind of violation found; none on a clean crate")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    problems, n = problems_of(ROOT)
    for p in problems:
        print(p)
    if problems:
        print(f"arch-check: {len(problems)} problem(s)")
        return 1
    print(f"arch-check: {n} modules, no cycle; strings chosen only in i18n/; pages within {PAGE_LINES} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
