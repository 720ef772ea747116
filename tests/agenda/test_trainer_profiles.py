"""A colleague-trainer's profile lists the courses and meetings they give from the agenda."""

from agenda.demo import ensure_demo_colleagues
from home.site_structure import ensure_site_structure
from tests.agenda.helpers import agenda_index, days_from_now, make_activity


def test_profile_lists_upcoming_course_given_and_not_a_finished_one(db, client):
    trainer = ensure_demo_colleagues(ensure_site_structure())["marieke-jansen"]
    index = agenda_index()
    make_activity(
        index, "Vraagverheldering voor klantmanagers", trainers=[trainer], kind="collegiale-cursus"
    )
    make_activity(
        index, "Terugblik intervisie 2015", trainers=[trainer], dates=[days_from_now(-400)]
    )

    html = client.get(trainer.url).content.decode()

    assert "Vraagverheldering voor klantmanagers" in html
    assert "Terugblik intervisie 2015" not in html
