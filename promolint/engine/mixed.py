"""Baskets of several scoped SKUs: the smallest subtotal at or above a spend level.

An order-level discount (threshold_off, tiered, amount_off behind a minimum subtotal)
is shared over the lines in proportion to their totals, so the deepest basket for a
spend level T is the one whose subtotal is the least reachable at or above T, whatever
SKUs it mixes (满100减60 on items at 70 and 30: the pair at exactly 100). Reachable
subtotals are sums of market prices with repetition; the least sum in each residue
class modulo the smallest price is found by a shortest-path search over the residues
(the coin problem), exact. Work is bounded by MAX_WORK (residues x prices): past it
only the cheapest prices are used (still real baskets, maybe not the least).
"""
from __future__ import annotations

import heapq
from decimal import Decimal
from math import gcd

MAX_WORK = 300_000


def least_baskets(prices: list[Decimal], targets: list[Decimal]) -> dict[Decimal, tuple[int, ...]]:
    """For each target, units of each price (same order as `prices`) in a basket of at
    least one unit whose subtotal is the least reachable at or above the target."""
    prices = [p for p in prices if p > 0]
    if not prices or not targets:
        return {}
    scale = 10 ** max(max(-p.as_tuple().exponent, 0) for p in prices)
    units = [int(p * scale) for p in prices]
    step = 0
    for u in units:
        step = gcd(step, u)
    coins = sorted({u // step for u in units})
    smallest = coins[0]
    if smallest > MAX_WORK:
        return {}
    coins = coins[:max(1, MAX_WORK // smallest)]
    dist, parent = _residues(coins, smallest)
    out = {}
    for target in targets:
        need = max(-(-int((target * scale).to_integral_value("ROUND_CEILING")) // step), 1)
        best = None
        for r, d in enumerate(dist):
            if d is None:
                continue
            total = d if d >= need else d + -(-(need - d) // smallest) * smallest
            if total > 0 and (best is None or total < best[0]):
                best = (total, r)
        if best is None:
            continue
        counts = dict.fromkeys(coins, 0)
        r = best[1]
        while parent[r] is not None:
            prev, coin = parent[r]
            counts[coin] += 1
            r = prev
        counts[smallest] += (best[0] - dist[best[1]]) // smallest
        by_unit = {c * step: n for c, n in counts.items()}
        used: set = set()
        row = []
        for u in units:  # one line per distinct price: the first SKU at that price
            row.append(0 if u in used else by_unit.get(u, 0))
            used.add(u)
        out[target] = tuple(row)
    return out


def _residues(coins: list[int], modulus: int):
    """Least reachable sum (and its last coin) per residue modulo `modulus`."""
    dist: list = [None] * modulus
    parent: list = [None] * modulus
    dist[0] = 0
    heap = [(0, 0)]
    while heap:
        d, r = heapq.heappop(heap)
        if d != dist[r]:
            continue
        for coin in coins:
            nd = d + coin
            nr = nd % modulus
            if dist[nr] is None or nd < dist[nr]:
                dist[nr], parent[nr] = nd, (r, coin)
                heapq.heappush(heap, (nd, nr))
    return dist, parent
