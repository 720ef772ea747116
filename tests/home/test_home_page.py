"""Wagtail's own checks on the home page type: routable, renders, previews."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from home.site_structure import ensure_site_structure


@pytest.mark.django_db
class HomePageTests(WagtailPageTestCase):
    def setUp(self):
        self.home = ensure_site_structure()

    def test_home_page_is_routable_and_renders(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)

    def test_home_page_preview_renders(self):
        self.assertPageIsPreviewable(self.home)
