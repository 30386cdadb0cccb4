"""``experiments()``: a DVC repo's experiments with their params and latest metrics, as a
small table for picking what to compare (``compare(*experiments(sort="val_loss")[:4])``).

Read from git itself: one ``git for-each-ref`` lists the experiments' refs and one
``git cat-file --batch`` reads every commit's ``params.yaml``, dvclive's ``params.yaml``
and ``metrics.json`` (the files ``compare()``'s header reads). ``dvc exp show`` reads
the same commits through DVC's repo layer and cost 0.75-1.9 s for 13-16 experiments on
the two shared cores here; two git processes stay well under the 1 s target at 50
(benchmarks/bench_experiments.py). Runs going on now come from ``runs.running()`` (a few
small files). Queued experiments that have not started have no frames and no metrics:
they are not listed.
"""

import os
import subprocess
from typing import Optional

from ._params_metrics import metrics_from, params_from
from .error import UnknownSourceError
from .runs import dvclive_folder, find_root, images_plot, running


class Experiment(str):
    """One experiment: a ``str`` that is its name (so ``show()`` and ``compare()`` take
    it as a source), with ``params``, ``metrics`` (flattened: ``{"train.lr": 0.1}``),
    ``ref`` (its git ref; "" while it runs), ``created`` (the commit's Unix time),
    ``state`` ("done" or "running") and ``root`` (its repo)."""

    params: dict
    metrics: dict
    ref: str
    created: float
    state: str
    root: str

    def __new__(cls, name: str, *, params=None, metrics=None, ref: str = "",
                created: float = 0.0, state: str = "done", root: str = ""):
        self = super().__new__(cls, name)
        self.params = dict(params or {})
        self.metrics = dict(metrics or {})
        self.ref, self.created, self.state, self.root = ref, created, state, root
        return self

    def value(self, key: str):
        """A metric or a param by its (flattened) name; None when the run has neither."""
        from .board import run_value  # one rule for a run's value, board and table

        return run_value(self.params, self.metrics, key)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={_text(v)}" for k, v in {**self.params, **self.metrics}.items())
        return f"Experiment({str.__repr__(self)}{', ' if fields else ''}{fields})"

    def __reduce__(self):  # a str subclass with keyword-only fields pickles by this
        return (_rebuild, (str(self), self.__dict__))


def _rebuild(name, fields):
    return Experiment(name, **fields)


class Experiments(list):
    """A list of ``Experiment``s that prints as a table: name, state, the params that
    differ between them, and their metrics. Slices stay tables."""

    def __getitem__(self, index):
        got = super().__getitem__(index)
        return Experiments(got) if isinstance(index, slice) else got

    def columns(self) -> tuple:
        """``(params that differ, metrics)``: the table's columns after name and state."""
        keys = sorted({k for e in self for k in e.params})
        differ = [k for k in keys if len({repr(e.params.get(k)) for e in self}) > 1]
        if len(self) == 1:
            differ = keys
        metrics = sorted({k for e in self for k in e.metrics})
        return differ, metrics

    def rows(self) -> list:
        params, metrics = self.columns()
        head = ["Experiment", "state", *params, *metrics]
        body = [[str(e), e.state, *(_text(e.params.get(k)) for k in params),
                 *(_text(e.metrics.get(k)) for k in metrics)] for e in self]
        return [head, *body]

    def __repr__(self) -> str:
        if not self:
            return "Experiments([]): none in this repo yet"
        rows = self.rows()
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        if not self:
            return "<p>No experiments in this repo yet.</p>"
        head, *body = self.rows()
        th = "".join(f"<th>{escape(c)}</th>" for c in head)
        trs = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>"
                      for r in body)
        return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


def experiments(repo: Optional[str] = None, sort: Optional[str] = None) -> Experiments:
    """The DVC repo's experiments (at or above ``repo``, default the working directory)
    with their params and latest metrics: finished ones from their commits, newest
    first, then the ones running now.

    ``sort`` orders them by a metric or a param, ascending (``"val_loss"``) or
    descending (``"-val_loss"``); experiments without it come last either way.

    Examples::

        >>> dvclive_nb.experiments(sort="val_loss")
        Experiment  state  lr    step  val_loss
        ----------  -----  ----  ----  --------
        e-07        done   0.08  3     0.2
        ...
        >>> dvclive_nb.compare(*dvclive_nb.experiments(sort="val_loss")[:4])
    """
    root = find_root(repo or ".")
    if root is None:
        raise UnknownSourceError(f"{repo or '.'} (experiments(): no DVC repo here or above)")
    table = Experiments(_finished(root))
    table.sort(key=lambda e: -e.created)
    done = {str(e) for e in table}
    for run in running(root):
        if run.name not in done:
            params, metrics = _running_summary(run)
            table.append(Experiment(run.name, params=params, metrics=metrics,
                                    state="running", root=root))
    return sorted_by(table, sort) if sort else table


def sorted_by(table: list, sort: str) -> Experiments:
    """``table`` ordered by the metric or param ``sort`` (``"-key"``: descending)."""
    return Experiments(order_by(table, sort, lambda e, key: e.value(key)))


def order_by(items: list, sort: str, value) -> list:
    """``items`` ordered by ``value(item, key)`` where ``sort`` is ``key`` (ascending) or
    ``"-key"`` (descending). Numbers come first, then other values as text; items
    without the key (None) come last in both directions, so a table sorted either way
    opens on runs that have it. ``compare(sort=...)`` orders its columns with it too."""
    descending = sort.startswith("-")
    key = sort[1:] if descending else sort
    numbers, texts, missing = [], [], []
    for item in items:
        v = value(item, key)
        if v is None:
            missing.append(item)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            numbers.append((v, item))
        else:
            texts.append((str(v), item))
    numbers.sort(key=lambda p: p[0], reverse=descending)
    texts.sort(key=lambda p: p[0], reverse=descending)
    return [i for _, i in numbers] + [i for _, i in texts] + missing


def _finished(root: str) -> list:
    try:
        out = subprocess.run(
            ["git", "for-each-ref", "--format=%(refname) %(objectname) %(creatordate:unix)",
             "refs/exps"], cwd=root, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    refs = []
    for line in out.splitlines():
        ref, sha, unix = line.split(" ")
        parts = ref.split("/")
        if len(parts) >= 5 and parts[-1] not in ("exec", "celery"):
            refs.append((parts[-1], ref, sha, float(unix or 0)))
    if not refs:
        return []
    # One dvc.yaml per commit first (where dvclive's folder is), then the three files.
    yamls = _cat(root, [f"{sha}:dvc.yaml" for _, _, sha, _ in refs])
    folders = []
    for text in yamls:
        plot = images_plot(text) if text else None
        folders.append(os.path.normpath(plot[: -len("plots/images")]) if plot else "dvclive")
    wanted = []
    for (_, _, sha, _), folder in zip(refs, folders):
        wanted += [f"{sha}:params.yaml", f"{sha}:{folder}/params.yaml",
                   f"{sha}:{folder}/metrics.json"]
    texts = _cat(root, wanted)
    table = []
    for i, (name, ref, _, when) in enumerate(refs):
        pipeline, own, metrics_text = texts[3 * i: 3 * i + 3]
        params = {**params_from(pipeline), **params_from(own)}
        table.append(Experiment(name, params=params, metrics=metrics_from(metrics_text), ref=ref,
                                created=when, root=root))
    return table


def _cat(root: str, objects: list) -> list:
    """Each ``<rev>:<path>``'s text through one ``git cat-file --batch``; None if absent."""
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, timeout=60,
                             input="".join(f"{o}\n" for o in objects).encode(),
                             capture_output=True).stdout
    except (OSError, subprocess.SubprocessError):
        return [None] * len(objects)
    texts: list = []
    pos = 0
    for _ in objects:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts.append(out[pos: pos + size].decode("utf-8", "replace"))
            pos += size + 1
        else:  # "<object> missing", or a tree
            if len(header) == 3:
                pos += int(header[2]) + 1
            texts.append(None)
    return texts


def _running_summary(run) -> tuple:
    from .sources.base import local_text, run_summary

    return run_summary(local_text, dvclive_folder(run.root) if run.root else run.folder,
                       root=run.root or None)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
