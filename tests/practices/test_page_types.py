"""Every page type is routable, renders, is editable and previewable in the admin (Wagtail's checks)."""

from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from practices.models import Municipality, PracticeIndexPage, Theme
from practices.setup import ensure_practices_setup
from tests.factories import make_practice
from tests.practices.admin_forms import practice_form_data


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ensure_practices_setup()
        cls.home = cls.index.get_parent().specific
        cls.practice = make_practice(
            cls.index,
            "Barneveld stopt met interne doorbelasting",
            municipality=Municipality.objects.get(cbs_code="GM0203"),
            themes=[Theme.objects.get(slug="de-bedoeling", locale__language_code="nl")],
            situation="Niemand wist waarvoor de doorbelasting diende.",
        )
        cls.admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_home_page_passes_wagtails_page_checks(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)
        self.assertPageIsPreviewable(self.home)

    def test_practice_index_passes_wagtails_page_checks(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsEditable(self.index)
        self.assertPageIsPreviewable(self.index)

    def test_practice_page_passes_wagtails_page_checks(self):
        # StreamFields are drawn by JavaScript, so the edit form's data is given, not scraped.
        data = practice_form_data(
            title=self.practice.title,
            slug=self.practice.slug,
            municipality=self.practice.municipality,
            themes=self.practice.themes,
        )
        self.assertPageIsRoutable(self.practice)
        self.assertPageIsRenderable(self.practice)
        self.assertPageIsEditable(self.practice, post_data=data)
        self.assertPageIsPreviewable(self.practice, post_data=data)

    def test_practices_can_only_be_created_under_the_practice_index(self):
        from practices.models import PracticePage

        self.assertCanCreateAt(PracticeIndexPage, PracticePage)
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertAllowedSubpageTypes(PracticePage, {})

    def test_english_practice_index_is_served_under_en(self):
        english = self.index.get_translations().get()
        self.assertEqual(english.url, "/en/practice-examples/")
        self.assertPageIsRenderable(english)
