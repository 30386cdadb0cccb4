"""A run's params and metrics from the text of their files (pure: no widgets, no disk).

``params.yaml`` (the pipeline's and dvclive's own) and dvclive's ``metrics.json``, as
the flat ``{"train.lr": 0.1}`` dicts that a board's headers and ``experiments()`` show.
The sources read a run's files (``sources.base.run_summary``), ``exp_table`` reads a
commit's; both parse them here.
"""

import json
from typing import Optional


def params_from(text: Optional[str]) -> dict:
    """Flat params from a ``params.yaml``'s text; {} when it is empty or broken."""
    return flat(_yaml(text)) if text else {}


def metrics_from(text: Optional[str]) -> dict:
    """Flat metrics from a ``metrics.json``'s text; {} when it is empty or half-written."""
    try:
        return flat(json.loads(text)) if text else {}
    except ValueError:  # being rewritten right now
        return {}


def flat(value, prefix: str = "") -> dict:
    """``{"train": {"lr": 0.1}}`` -> ``{"train.lr": 0.1}``; a non-dict gives {}."""
    if not isinstance(value, dict):
        return {prefix: value} if prefix else {}
    out: dict = {}
    for key, item in value.items():
        out.update(flat(item, f"{prefix}.{key}" if prefix else str(key)))
    return out


def _yaml(text: str):
    from ruamel.yaml import YAML  # DVC's own YAML library

    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:  # noqa: BLE001 - a half-written or hand-broken file: no params
        return {}
