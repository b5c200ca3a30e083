"""Identity from the page address or the hub: well-formed codes only, guests never share."""

from workbook.identity import trainee_from


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
