"""dvclive's own framework tests pass against the twins wherever they pass against
dvclive (see upstream_frameworks.py for the import swap)."""

import collections

from tests.integrations.upstream_frameworks import compare


def test_upstream_framework_tests_pass_against_the_twins(tmp_path):
    upstream, twins = compare(str(tmp_path))
    assert set(twins) == set(upstream)
    regressions = [t for t, outcome in upstream.items()
                   if outcome == "passed" and twins[t] != "passed"]
    assert regressions == []
    passed = collections.Counter(t.split("::")[0].rsplit(".", 1)[-1]
                                 for t, outcome in twins.items() if outcome == "passed")
    # Every framework installed here ran (fastai cannot be: see README, "Integrations").
    assert set(passed) == {"test_fabric", "test_huggingface", "test_keras", "test_lgbm",
                           "test_lightning", "test_optuna", "test_xgboost"}, passed
    print("upstream:", collections.Counter(upstream.values()),
          "twins:", collections.Counter(twins.values()))
