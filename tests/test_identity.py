"""Identity from the page address or the hub: well-formed codes only, guests never share."""

from workbook.identity import Trainee, trainee_from


def test_trainee_and_cohort_come_from_the_query_string() -> None:
    trainee = trainee_from("trainee=Ab3_x-9&cohort=spring-2027")
    assert (trainee.id, trainee.cohort) == ("Ab3_x-9", "spring-2027")


def test_a_hub_user_wins_over_the_query_string() -> None:
    assert trainee_from("trainee=someone-else", hub_user="river").id == "hub-river"


def test_malformed_codes_are_ignored_and_guests_are_distinct() -> None:
    first = trainee_from("trainee=../../etc/passwd&cohort=<script>")
    second = trainee_from("")
    assert first.id.startswith("guest-") and second.id.startswith("guest-")
    assert first.id != second.id
    assert first.cohort == ""


def test_links_carry_the_trainee_and_cohort_but_not_on_a_hub() -> None:
    from workbook.identity import link_query

    assert link_query(Trainee("amy-7", "spring")) == "?trainee=amy-7&cohort=spring"
    assert link_query(Trainee("amy-7")) == "?trainee=amy-7"
    assert link_query(Trainee("hub-amy"), hub_user="amy") == ""


def test_navigation_links_keep_the_query(content) -> None:
    from dataclasses import replace

    from workbook import render

    only = content.course.modules[0]
    three = tuple(replace(only, id=f"m{n}", number=n, notebook=f"0{n}-page.ipynb") for n in (1, 2, 3))
    course = replace(content.course, modules=three)
    html = render.module_header(course, course.modules[1], "?trainee=amy-7")
    assert f'href="{course.modules[0].notebook}?trainee=amy-7"' in html
    assert f'href="{course.modules[2].notebook}?trainee=amy-7"' in html
    assert f'href="{course.landing_notebook}?trainee=amy-7"' in html
