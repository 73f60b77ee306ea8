"""A clerk edits the vision page in CKEditor, in a real Chromium: logs into the Thai admin, waits for the
editor, types a sentence, uploads an image through the Image dialog's upload tab (a file that is not an
image is refused there in Thai first), saves, and the public page shows both, with no CSP violation."""

import io

import pytest
from django.conf import settings
from PIL import Image, ImageDraw

from pages.models import Page
from tests.conftest import screenshot
from tests.pages_tests.builders import clerk

pytestmark = pytest.mark.browser

PASSWORD = "clerk-password-2569"  # tests.pages_tests.builders.clerk's password
NEW_SENTENCE = "ตำบลจอมทองจะปลูกต้นไม้ริมแม่น้ำน่านให้ครบทุกหมู่บ้านภายในปี ๒๕๗๐"
IMAGE_ALT = "แผนผังการปลูกต้นไม้ริมแม่น้ำน่าน"
NOT_AN_IMAGE_MESSAGE = "ไฟล์นี้ไม่ใช่ภาพ หรือภาพเสียหาย กรุณาเลือกไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"

EDITOR_READY = """(name) => new Promise((resolve) => {
    const check = () => {
        const editor = window.CKEDITOR && CKEDITOR.instances[name];
        if (editor && editor.status === "ready") resolve(editor.status); else setTimeout(check, 50);
    };
    check();
})"""


def drawn_png():
    """A picture the project draws itself: a river and a row of trees."""
    image = Image.new("RGB", (640, 400), (232, 244, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 250, 640, 320), fill=(70, 130, 180))
    for x in range(40, 640, 80):
        draw.ellipse((x - 25, 170, x + 25, 230), fill=(34, 120, 60))
        draw.rectangle((x - 4, 230, x + 4, 250), fill=(110, 80, 50))
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def uploaded_files():
    root = settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH
    return sorted(path.name for path in root.rglob("*") if path.is_file()) if root.exists() else []


def upload_in_image_dialog(page, name, content):
    """The Image dialog's upload tab: choose a file, press the send-to-server button."""
    page.locator(".cke_dialog_tab", has_text="อัพโหลดไฟล์").click()
    page.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": content}
    )
    page.locator("a.cke_dialog_ui_fileButton").click()


def test_a_clerk_edits_the_vision_page_in_ckeditor_and_the_public_sees_it(live_demo, new_page):
    clerk("vision-clerk", models=("page",))
    vision = Page.objects.get(slug="vision-mission")
    files_before = uploaded_files()

    # The admin's log-in page speaks Thai.
    page = new_page(1366, 900)
    page.goto(live_demo.url + "/admin/")
    assert "/admin/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("label[for=id_username]").inner_text().startswith("ชื่อผู้ใช้")
    assert page.locator("label[for=id_password]").inner_text().startswith("รหัสผ่าน")
    submit = page.locator("#login-form input[type=submit]")
    assert submit.get_attribute("value") == "เข้าสู่ระบบ"
    page.fill("#id_username", "vision-clerk")
    page.fill("#id_password", PASSWORD)
    submit.click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/")

    # The editor becomes ready on the vision page's change form.
    page.goto(f"{live_demo.url}/admin/pages/page/{vision.pk}/change/")
    assert page.evaluate(EDITOR_READY, "id_body") == "ready"
    assert page.evaluate("CKEDITOR.instances.id_body.langCode") == "th"
    assert page.evaluate("CKEDITOR.instances.id_body.plugins.exportpdf") is None

    # Type a new paragraph after the text, as a clerk would: the text ends with the slogan's quote, and a
    # second Enter on the empty line leaves the quote.
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.locator("p").last.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(NEW_SENTENCE)

    # The Image dialog refuses a file that is not an image, in Thai, and stores nothing.
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))
    page.locator("a.cke_button__image").click()
    page.locator(".cke_dialog_title", has_text="รูปภาพ").wait_for()
    upload_in_image_dialog(page, "photo.png", b"<html><script>alert(document.cookie)</script></html>")
    # The refusal comes back as an alert once the upload is answered: wait for it, not for the network to
    # fall quiet (on a busy machine that wait timed out while the answer was already there).
    for _ in range(300):
        if alerts:
            break
        page.wait_for_timeout(100)
    assert alerts == [NOT_AN_IMAGE_MESSAGE]
    assert uploaded_files() == files_before

    # A real image goes up, and its address lands in the dialog's URL field.
    upload_in_image_dialog(page, "river-plan.png", drawn_png())
    source = page.locator(".cke_dialog_ui_input_text input").first
    # wait_for_function's string predicates need 'unsafe-eval', which even the admin's policy refuses: poll.
    source_value = ""
    for _ in range(100):
        source_value = source.input_value()
        if "/media/uploads/" in source_value:
            break
        page.wait_for_timeout(50)
    assert "/media/uploads/" in source_value and source_value.endswith(".png")
    page.get_by_label("คำประกอบรูปภาพ").fill(IMAGE_ALT)
    screenshot(page, "ckeditor-vision-image-dialog")
    page.locator("a.cke_dialog_ui_button_ok").click()
    body.locator(f'img[alt="{IMAGE_ALT}"]').wait_for()
    screenshot(page, "ckeditor-vision-editor")

    # CKEditor ran under the admin's relaxed policy without a violation or a script error.
    assert page.console_errors == []
    page.locator("input[name=_save]").click()
    page.wait_for_selector(".messagelist .success")
    vision.refresh_from_db()
    assert NEW_SENTENCE in vision.body
    assert f'src="{source_value}"' in vision.body and f'alt="{IMAGE_ALT}"' in vision.body
    assert vision.updated_by.username == "vision-clerk"
    assert len(uploaded_files()) == len(files_before) + 2  # the image and the browse dialog's thumbnail

    # A resident opens the public page: the sentence, the image, and no CSP violation.
    public = new_page(360, 800)
    response = public.goto(live_demo.url + "/pages/vision-mission/")
    assert response.status == 200
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    text = public.locator(".rich-text")
    assert text.locator("> p", has_text=NEW_SENTENCE).count() == 1
    image = text.locator(f'img[alt="{IMAGE_ALT}"]')
    image.scroll_into_view_if_needed()
    public.wait_for_load_state("networkidle")
    assert image.get_attribute("src") == source_value
    # The body carries a srcset of the upload's renditions (core/richtext.py): a phone loads the 400 px copy.
    assert image.get_attribute("width") == "640"
    assert image.evaluate("(img) => img.complete && img.naturalWidth > 0")
    assert "/media/renditions/" in image.evaluate("(img) => img.currentSrc")
    box = image.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1, "the image sticks out of a phone's screen"
    screenshot(public, "ckeditor-vision-public-360")
    assert public.console_errors == []
