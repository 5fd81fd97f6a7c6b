"""Shortest and longest paths through the tree (for the trainers' map and the report), by memoised search."""

from __future__ import annotations

from collections import deque
from functools import cache

from assistant.screening.model import Tree


def extreme_path(tree: Tree, longest: bool) -> list[str]:
    """Node ids from start to an outcome along the longest (or shortest) route; the tree must be acyclic."""

    @cache
    def best(node: str) -> tuple[str, ...]:
        question = tree.questions.get(node)
        if question is None:
            return (node,)
        tails = [best(o.next) for o in question.options]
        pick = max(tails, key=len) if longest else min(tails, key=len)
        return (node, *pick)

    return list(best(tree.start))


def map_order(tree: Tree) -> list[str]:
    """Every reachable node once, each after all nodes that lead to it (layered by longest distance from start)."""
    first = breadth_first(tree)
    depth = {node: 0 for node in first}
    for _ in range(len(first)):  # relax until stable; at most one pass per node in an acyclic tree
        changed = False
        for node in first:
            for o in tree.questions[node].options if node in tree.questions else ():
                if depth[o.next] < depth[node] + 1:
                    depth[o.next], changed = depth[node] + 1, True
        if not changed:
            break
    outcomes_last = sorted(first, key=lambda n: (n in tree.outcomes, depth[n], first.index(n)))
    return outcomes_last


def breadth_first(tree: Tree) -> list[str]:
    """Every reachable node once, nearest the start first."""
    seen, order, queue = {tree.start}, [], deque([tree.start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for o in tree.questions[node].options if node in tree.questions else ():
            if o.next not in seen:
                seen.add(o.next)
                queue.append(o.next)
    return order
