"""Server-drawn SVG charts: labelled for screen readers, numbers printed on the bars, typed names escaped."""

import re
from decimal import Decimal as D
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from django.utils import translation

from marketplace.core.charts import Bar, Chart, bar_chart, range_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> Element:
    return ElementTree.fromstring(svg)


def texts(root) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_a_bar_chart_is_an_image_with_a_title_a_description_and_printed_numbers():
    svg = bar_chart([Bar("手机数码", 2), Bar("图书", 5)], key="items", title="各类别流转物品（件）")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "items-title items-desc"
    assert root.find(f"{SVG}title").text == "各类别流转物品（件）"
    assert root.find(f"{SVG}title").get("id") == "items-title"
    # A screen reader hears every figure; a sighted reader sees each one beside its bar.
    assert root.find(f"{SVG}desc").text == "手机数码: 2; 图书: 5"
    assert texts(root) == ["手机数码", "2", "图书", "5"]
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[1] > widths[0] > 0
    assert abs(widths[1] / widths[0] - 2.5) < 0.01  # bars are proportional to their values


def test_a_ranged_bar_prints_the_estimate_and_its_low_and_high_ends():
    svg = range_chart([Bar("手机数码", D("62.70"), D("27.50"), D("82.50"))], key="co2e", title="CO2e")
    root = parse(svg)
    assert "62.70 (27.50–82.50)" in texts(root)
    whisker = root.find(f"{SVG}path").get("d")
    low, high = (float(x) for x in re.match(r"M([\d.]+) [\d.]+H([\d.]+)", whisker).groups())
    bar = float(root.find(f"{SVG}rect").get("width"))
    assert low < bar < high
    assert abs(low / high - 27.5 / 82.5) < 0.01


def test_names_typed_by_people_are_escaped_everywhere_in_the_chart():
    hostile = '<script>alert(1)</script>" onload="x'
    svg = bar_chart([Bar(hostile, 1)], key="k", title=hostile)
    assert "<script>" not in svg and 'onload="x' not in svg
    root = parse(svg)  # still well-formed XML
    assert root.find(f"{SVG}title").text == hostile
    assert texts(root)[0].startswith("<script>")  # shown as text, shortened to fit
    assert root.find(f"{SVG}rect/{SVG}title").text == f"{hostile}: 1"


def test_an_empty_chart_says_so_in_the_page_language():
    with translation.override("zh-hans"):
        root = parse(bar_chart([], key="k", title="t"))
    assert texts(root) == ["暂无可绘制的数据。"]
    assert root.find(f"{SVG}desc").text == "暂无可绘制的数据。"


def test_the_pdf_font_is_named_on_the_chart_when_asked():
    root = parse(bar_chart([Bar("图书", 1)], key="k", title="t", font_family="Noto Sans CJK SC"))
    assert root.get("font-family") == "Noto Sans CJK SC"
    assert parse(bar_chart([Bar("图书", 1)], key="k", title="t")).get("font-family") is None


def test_a_chart_travels_as_an_image_address_for_the_pdf():
    import base64

    chart = Chart("t", bar_chart([Bar("<b>图书</b>", 1)], key="k", title="t"))
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(chart.data_uri.split(",", 1)[1]).decode() == str(chart.svg)
