"""Per-step sync without the work whose result is already on disk.

Upstream's ``next_step()`` re-parses and rewrites ``dvc.yaml`` with ruamel on every
step (about 70% of its time), although the file only changes when a metric, plot,
param or artifact appears, and builds a Studio payload (re-reading every metrics
``.tsv``) even when no Studio is configured, only for its worker to drop it.

``SkipUnchangedWrites`` skips both, and nothing else: every file stays byte-for-byte
what upstream writes, at every step (``tests/test_sync_parity.py``).
"""

import logging
import os
from typing import Optional

from dvclive.dvc import make_dvcyaml

logger = logging.getLogger("dvclive")  # where upstream's catch_and_warn reports


class SkipUnchangedWrites:
    """Mixin for ``dvclive.Live``; put it before ``dvclive.Live`` in the bases."""

    # (inputs of upstream's make_dvcyaml, the dvc.yaml bytes that it left unchanged)
    _dvcyaml_fixed: Optional[tuple] = None

    def make_dvcyaml(self):
        """Upstream's ``make_dvcyaml``, skipped when it would rewrite identical bytes.

        Upstream's result is a function of its inputs and of the file's bytes. It is
        skipped only when both are what they were on a call that left the file as it
        found it: so a user's edit, or a new metric, goes through upstream as before.
        """
        from dvc.exceptions import DvcException

        inputs = _dvcyaml_inputs(self)
        before = _read(self.dvc_file)
        if before is not None and self._dvcyaml_fixed == (inputs, before):
            return
        self._dvcyaml_fixed = None
        try:
            make_dvcyaml(self)
        except DvcException as exc:  # as upstream's @catch_and_warn does
            logger.warning(f"Error in make_dvcyaml: {exc}")
            return
        if before is not None and _read(self.dvc_file) == before:
            self._dvcyaml_fixed = (inputs, before)

    def post_data_to_studio(self):
        # Upstream builds the payload (re-reading params and every metrics .tsv) and
        # queues it for a worker that drops it when "data" is skipped: no Studio.
        if "data" in self._studio_events_to_skip:  # type: ignore[attr-defined]
            return
        super().post_data_to_studio()  # type: ignore[misc]


def _dvcyaml_inputs(live) -> tuple:
    """Everything upstream's ``make_dvcyaml`` (dvclive 3.42 to 3.49) reads from ``live``."""
    from dvclive.plots import Metric

    plots = [(str(p.output_path), repr(p.plot_config)) for p in live._plots.values()]
    return (
        os.getcwd(), str(live.dvc_file), str(live.dir), str(live.params_file),
        str(live.metrics_file), str(live.plots_dir),
        bool(live._params), bool(live._metrics or live.summary), bool(live._images),
        os.path.exists(os.path.join(live.plots_dir, Metric.subfolder)),
        repr(plots), repr(live._artifacts),
    )


def _read(path) -> Optional[bytes]:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None
