import datetime
import zoneinfo

from django.template import Context, Template

from core.templatetags.thai_dates import be_year, thai_date, thai_date_short, thai_datetime

UTC = zoneinfo.ZoneInfo("UTC")


def test_full_date_in_the_buddhist_era():
    assert thai_date(datetime.date(2026, 11, 23)) == "23 พฤศจิกายน 2569"


def test_short_date_in_the_buddhist_era():
    assert thai_date_short(datetime.date(2026, 11, 23)) == "23 พ.ย. 2569"
    assert thai_date_short(datetime.date(2010, 1, 5)) == "5 ม.ค. 2553"


def test_aware_datetimes_are_shown_in_bangkok_time():
    # 20:30 UTC on 31 December is already New Year's Day in Bangkok (UTC+7), in a new Buddhist year.
    moment = datetime.datetime(2025, 12, 31, 20, 30, tzinfo=UTC)
    assert thai_date(moment) == "1 มกราคม 2569"
    assert thai_datetime(moment) == "1 ม.ค. 2569 เวลา 03:30 น."


def test_buddhist_year_of_a_number_or_a_date():
    assert be_year(2010) == 2553
    assert be_year(datetime.date(2012, 6, 1)) == 2555


def test_empty_values_show_nothing():
    assert thai_date(None) == "" and thai_date_short("") == "" and be_year(None) == ""


def test_filters_work_in_templates():
    rendered = Template("{% load thai_dates %}{{ d|thai_date }}").render(Context({"d": datetime.date(2026, 11, 23)}))
    assert rendered == "23 พฤศจิกายน 2569"
