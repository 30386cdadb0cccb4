from dvclive_nb._params_metrics import flat, metrics_from, params_from


def test_params_are_flattened_with_dots():
    text = "train:\n  lr: 0.1\n  layers: [2, 3]\nseed: 7\n"
    assert params_from(text) == {"train.lr": 0.1, "train.layers": [2, 3], "seed": 7}


def test_broken_or_empty_files_give_nothing():
    assert params_from("a: [1, 2\n") == {}
    assert params_from(None) == {} and params_from("") == {}
    assert metrics_from('{"loss": 0.') == {}  # being rewritten right now
    assert metrics_from(None) == {}


def test_metrics_are_flattened_and_a_bare_value_has_no_name():
    assert metrics_from('{"val": {"loss": 0.5}, "step": 3}') == {"val.loss": 0.5, "step": 3}
    assert flat(4) == {} and flat(4, "x") == {"x": 4}
