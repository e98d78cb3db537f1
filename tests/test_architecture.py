"""The layers of docs/architecture.md hold: no upward import and no cycle between modules.

Imports inside functions count: grimp reads every import statement of every module.
"""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "marketplace",
    "media",
    "listings",
    "search",
    "orders",
    "appraisal",
    "community_events",
    "regulation",
    "notifications",
    "demo",
]


def test_no_module_imports_from_a_higher_layer():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0

    def edges(module):
        # A package and its own submodules import one another by design (`from . import x`); only
        # cycles between unrelated modules are tangles.
        return [
            m
            for m in graph.find_modules_directly_imported_by(module)
            if not (m.startswith(module + ".") or module.startswith(m + "."))
        ]

    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(edges(start)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges(child))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_between_modules():
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*APPS, cache_dir=None)
    modules = {m for m in graph.modules if ".migrations" not in m}
    for module in set(graph.modules) - modules:
        graph.remove_module(module)
    assert _cycles(graph) == []


def test_no_module_over_400_lines():
    long = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > 400:
                long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert long == []
