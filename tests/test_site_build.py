"""The site builder (web/build.py) puts into a page only pictures from inside the lesson's folder."""
import base64
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web"))
try:
    import build
except ImportError as e:  # nbconvert missing: the site cannot be built either
    build = None
    missing = str(e)


@unittest.skipIf(build is None, "web/build.py needs nbconvert (Debian: python3-nbconvert)")
class InlineImagesTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.lessons = os.path.join(self.tmp.name, "lessons")
        os.makedirs(os.path.join(self.lessons, "images"))
        with open(os.path.join(self.lessons, "images", "guide.svg"), "w") as f:
            f.write("<svg/>")
        self.secret = os.path.join(self.tmp.name, "secret.txt")
        with open(self.secret, "w") as f:
            f.write("not for the page")
        self.warnings = []

    def page(self, src):
        return build.inline_images(f'<p><img src="{src}" alt="x"></p>', self.lessons, self.warnings.append)

    def assertLeftOut(self, src):
        out = self.page(src)
        self.assertEqual(f'<p><img src="{src}" alt="x"></p>', out)
        self.assertNotIn(base64.b64encode(b"not for the page").decode(), out)
        self.assertTrue(self.warnings and src in self.warnings[-1], self.warnings)

    def test_a_picture_in_the_lesson_folder_is_inlined(self):
        out = self.page("images/guide.svg")
        self.assertIn("data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode(), out)
        self.assertEqual([], self.warnings)

    def test_a_path_that_climbs_out_is_left_out(self):
        self.assertLeftOut("../secret.txt")
        self.assertLeftOut("images/../../secret.txt")
        self.assertLeftOut("%2e%2e/secret.txt")

    def test_an_absolute_path_or_a_file_url_is_left_out(self):
        self.assertLeftOut(self.secret)
        self.assertEqual(f'<p><img src="file://{self.secret}" alt="x"></p>', self.page("file://" + self.secret))
        self.assertLeftOut("..\\secret.txt")

    def test_a_link_out_of_the_folder_is_left_out(self):
        os.symlink(self.secret, os.path.join(self.lessons, "images", "link.png"))
        os.symlink(self.tmp.name, os.path.join(self.lessons, "outside"))
        self.assertLeftOut("images/link.png")
        self.assertLeftOut("outside/secret.txt")

    def test_a_link_that_stays_inside_is_inlined(self):
        os.symlink("guide.svg", os.path.join(self.lessons, "images", "same.svg"))
        self.assertIn("data:image/svg+xml;base64,", self.page("images/same.svg"))

    def test_a_missing_picture_is_named(self):
        self.assertLeftOut("images/none.png")

    def test_a_url_is_left_as_it_is_without_a_warning(self):
        self.assertEqual('<p><img src="https://example.org/x.png" alt="x"></p>', self.page("https://example.org/x.png"))
        self.assertEqual([], self.warnings)


if __name__ == "__main__":
    unittest.main()
