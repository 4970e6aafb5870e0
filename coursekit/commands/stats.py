"""coursekit stats: for instructors and authors, what the question banks hold."""

from __future__ import annotations

from collections import Counter

import click

from .coverage import MINIMUM


def _table(title, rows, headers) -> str:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join("-" * w for w in widths)
    out = [title, "  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), line]
    for r in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(out)


@click.command(short_help="For instructors and authors: item counts, thin objectives.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--strict", is_flag=True, help="Exit non-zero when an objective has fewer than two items.")
def stats(paths, strict):
    """Count items per part, type, objective and difficulty (for instructors and authors)."""
    from ..schema import ITEM_TYPES
    from ..selection import load_banks

    banks = load_banks(paths or ["exercises"])
    items = [(b, it) for b in banks for it in b.items]
    click.echo(f"{len(banks)} bank(s), {len(items)} items\n")
    parts = Counter(b.part for b, _ in items)
    click.echo(_table("Items per part", sorted(parts.items()), ["part", "items"]) + "\n")
    types = Counter(it.type for _, it in items)
    click.echo(_table("Items per type", [(t, types.get(t, 0)) for t in ITEM_TYPES], ["type", "items"]) + "\n")
    diff = Counter(it.difficulty for _, it in items)
    rows = [
        (d, diff.get(d, 0), f"{diff.get(d, 0) / max(len(items), 1):.0%}") for d in ("easy", "medium", "hard")
    ]
    click.echo(_table("Items per difficulty", rows, ["difficulty", "items", "share"]) + "\n")
    per_obj = Counter(it.objective for _, it in items)
    rows, thin = [], []
    for b in banks:
        for obj in b.objectives:
            n = per_obj.get(obj, 0)
            flag = f"FEWER THAN {MINIMUM}" if n < MINIMUM else ""
            if n < MINIMUM:
                thin.append((b, obj, n))
            rows.append((b.id, obj, n, flag))
    click.echo(_table("Items per learning objective", rows, ["bank", "objective", "items", "flag"]))
    if thin:
        click.echo("", err=True)
        for b, obj, n in thin:
            click.echo(f"warning: bank '{b.id}': objective '{obj}' is assessed by {n} item(s)", err=True)
        if strict:
            raise SystemExit(f"{len(thin)} objective(s) assessed by fewer than {MINIMUM} items")
