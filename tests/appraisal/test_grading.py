from decimal import Decimal as D

import pytest

from appraisal.grading import IncompleteInspection, ItemResult, ItemSpec, grade, weighted_score

VEHICLE = {"kind": "vehicle_gbt30323"}


def vehicle_specs():
    return [
        ItemSpec("body", "score", D(20)),
        ItemSpec("engine", "score", D(25)),
        ItemSpec("cabin", "score", D(10)),
        ItemSpec("startup", "score", D(20)),
        ItemSpec("road", "score", D(15)),
        ItemSpec("chassis", "score", D(10)),
        ItemSpec("a_pillar", "pass_fail", D(0), accident=True),
    ]


def results(score_of_ten, *, accident_ok=True):
    specs = vehicle_specs()
    out = {s.code: ItemResult(s.code, score=D(score_of_ten)) for s in specs if s.kind == "score"}
    out["a_pillar"] = ItemResult("a_pillar", passed=accident_ok)
    return specs, out


@pytest.mark.parametrize(
    "score_of_ten,expected",
    [
        ("10", "一级"),
        ("9", "一级"),
        ("8.99", "二级"),
        ("6", "二级"),
        ("5.99", "三级"),
        ("2", "三级"),
        ("1.99", "四级"),
        ("0", "四级"),
    ],
)
def test_gbt30323_grade_thresholds(score_of_ten, expected):
    specs, res = results(score_of_ten)
    assert grade(VEHICLE, specs, res).label == expected


def test_an_accident_car_is_grade_five_whatever_its_score():
    specs, res = results("10", accident_ok=False)
    graded = grade(VEHICLE, specs, res)
    assert graded.label == "五级"
    assert graded.score == D("100.0")
    assert "a_pillar" in graded.reasons[0]


def test_zero_weight_items_do_not_move_the_score():
    specs, res = results("9")
    assert weighted_score(specs, res) == D("90.0")


def test_every_scored_item_needs_a_result():
    specs, res = results("9")
    del res["engine"]
    with pytest.raises(IncompleteInspection):
        grade(VEHICLE, specs, res)


PHONE = {
    "kind": "thresholds",
    "bands": [[98, "准新"], [95, "99新"], [90, "95新"], [80, "9成新"], [70, "8成新"], [0, "7成新及以下"]],
    "critical_grade": "7成新及以下",
}


def test_phone_bands_and_a_critical_failure_caps_the_grade():
    specs = [
        ItemSpec("screen", "score", D(50)),
        ItemSpec("body", "score", D(50)),
        ItemSpec("activation_lock", "pass_fail", D(0), critical=True),
    ]
    clean = {
        "screen": ItemResult("screen", score=D(10)),
        "body": ItemResult("body", score=D("9.2")),
        "activation_lock": ItemResult("activation_lock", passed=True),
    }
    assert grade(PHONE, specs, clean).label == "99新"
    locked = dict(clean, activation_lock=ItemResult("activation_lock", passed=False))
    capped = grade(PHONE, specs, locked)
    assert capped.label == "7成新及以下" and "activation_lock" in capped.reasons[0]


def test_authenticity_verdicts():
    rule = {"kind": "authenticity"}
    specs = [
        ItemSpec("serial", "pass_fail", D(1), authenticity=True),
        ItemSpec("stitching", "pass_fail", D(1), authenticity=True),
    ]
    ok = {"serial": ItemResult("serial", passed=True), "stitching": ItemResult("stitching", passed=True)}
    assert grade(rule, specs, ok).counterfeit is False
    fake = dict(ok, stitching=ItemResult("stitching", passed=False))
    verdict = grade(rule, specs, fake)
    assert verdict.counterfeit and verdict.label == "仿冒"
    unsure = {"serial": ItemResult("serial", passed=True)}
    assert grade(rule, specs, unsure).label == "无法判定"
