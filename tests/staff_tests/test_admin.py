"""The clerks' side: who may open the organisation admin, adding a person, and leaving office instead of deleting."""

import io
import re

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from staff.models import Person, Unit
from tests.staff_tests.builders import small_organisation

PUBLIC_PAGES = {
    "chart": "/organisation/",
    "executives": "/organisation/executives/",
    "council": "/organisation/council/",
    "directory": "/organisation/directory/",
    "finance": "/organisation/units/finance/",
    "works": "/organisation/units/public-works/",
}


def visible_text(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def jpeg_upload(name="photo.jpg", size=(300, 375)):
    data = io.BytesIO()
    Image.new("RGB", size, "#7799aa").save(data, "JPEG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def person_form(in_unit, in_position, **overrides):
    data = {
        "title": "นางสาว",
        "first_name": "ใหม่ใจดี",
        "last_name": "ทดลองเพิ่ม",
        "unit": in_unit.pk,
        "position": in_position.pk,
        "village": "",
        "order": "0",
        "is_active": "on",
        "photo_alt": "",
        "phone": "0 5500 0000 ต่อ 21",
        "email": "new.person@example.org",
        "term_start": "",
        "term_end": "",
        "greeting": "",
    }
    data.update(overrides)
    return data


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = small_organisation()
        cls.superuser = User.objects.create_superuser("admin", "admin@example.org", "pw")
        cls.clerk = User.objects.create_user("clerk", password="pw", is_staff=True)
        cls.clerk.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="staff",
                codename__in=[
                    f"{action}_{model}"
                    for action in ("view", "add", "change", "delete")
                    for model in ("unit", "position", "person")
                ],
            )
        )
        cls.other_staff = User.objects.create_user("reporter", password="pw", is_staff=True)
        cls.resident = User.objects.create_user("resident", password="pw")


class TestWhoMayOpenTheOrganisationAdmin(AdminTestCase):
    URLS = [
        reverse("admin:staff_person_changelist"),
        reverse("admin:staff_person_add"),
        reverse("admin:staff_unit_changelist"),
        reverse("admin:staff_position_changelist"),
    ]

    def test_anonymous_visitors_are_sent_to_log_in(self):
        for url in self.URLS + [reverse("admin:staff_unit_change", args=[self.org["finance"].pk])]:
            response = self.client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response.url, url

    def test_a_resident_account_is_sent_to_log_in_and_staff_without_the_role_are_refused(self):
        self.client.force_login(self.resident)
        assert "/admin/login/" in self.client.get(self.URLS[0]).url
        self.client.force_login(self.other_staff)
        for url in self.URLS:
            assert self.client.get(url).status_code == 403, url

    def test_a_clerk_with_the_role_works_in_every_page(self):
        self.client.force_login(self.clerk)
        for url in self.URLS:
            assert self.client.get(url).status_code == 200, url
        unit_page = self.client.get(reverse("admin:staff_unit_change", args=[self.org["finance"].pk]))
        html = unit_page.content.decode()
        assert unit_page.status_code == 200
        assert "หัวหน้าส่วนการคลัง" in html and "บัญชีทดลอง" in html  # positions and people inline

    def test_the_list_filters_by_unit_side_and_active_and_searches_names(self):
        self.client.force_login(self.clerk)
        url = reverse("admin:staff_person_changelist")
        assert self.client.get(url, {"unit__side__exact": "political"}).context["cl"].result_count == 4
        assert self.client.get(url, {"unit__id__exact": self.org["finance"].pk}).context["cl"].result_count == 2
        assert self.client.get(url, {"is_active__exact": "0"}).context["cl"].result_count == 0
        assert self.client.get(url, {"q": "บัญชีทดลอง"}).context["cl"].result_count == 1
        assert self.client.get(url, {"q": "สมาชิกสภา"}).context["cl"].result_count == 1  # by position too


class TestAddingAPersonInTheAdmin(AdminTestCase):
    def test_she_appears_on_her_division_page_and_in_the_directory_and_nowhere_else(self):
        self.client.force_login(self.clerk)
        response = self.client.post(
            reverse("admin:staff_person_add"),
            person_form(
                self.org["works"],
                self.org["engineer"],
                photo=jpeg_upload(),
                photo_alt="ภาพถ่ายนางสาวใหม่ใจดี",
                term_start="2024-01-15",
            ),
            follow=True,  # the admin's "added" message is shown, so it does not follow her onto a public page
        )
        assert response.redirect_chain, response.context["adminform"].form.errors
        new = Person.objects.get(first_name="ใหม่ใจดี")
        assert new.updated_by == self.clerk and new.photo_width == 300

        name = "นางสาวใหม่ใจดี ทดลองเพิ่ม"
        where = {key for key, url in PUBLIC_PAGES.items() if name in visible_text(self.client.get(url))}
        assert where == {"works", "directory"}
        works = self.client.get(PUBLIC_PAGES["works"]).content.decode()
        assert 'alt="ภาพถ่ายนางสาวใหม่ใจดี"' in works and "image/webp" in works  # photo renditions
        assert "วิศวกรโยธา ว่าง" not in visible_text(self.client.get(PUBLIC_PAGES["chart"]))  # the seat is filled

    def test_a_new_council_member_is_listed_under_her_village(self):
        self.client.force_login(self.clerk)
        response = self.client.post(
            reverse("admin:staff_person_add"),
            person_form(self.org["council"], self.org["member_position"], village="6"),
            follow=True,
        )
        assert response.redirect_chain
        name = "นางสาวใหม่ใจดี ทดลองเพิ่ม"
        where = {key for key, url in PUBLIC_PAGES.items() if name in visible_text(self.client.get(url))}
        assert where == {"council", "directory"}
        assert f"หมู่ที่ 6 {name}" in visible_text(self.client.get(PUBLIC_PAGES["council"]))

    def test_the_unit_may_be_left_empty_when_a_position_is_chosen(self):
        self.client.force_login(self.clerk)
        response = self.client.post(
            reverse("admin:staff_person_add"), person_form(self.org["finance"], self.org["accountant"], unit="")
        )
        assert response.status_code == 302
        assert Person.objects.get(first_name="ใหม่ใจดี").unit == self.org["finance"]

    def test_mistakes_get_thai_messages_and_nothing_is_saved(self):
        self.client.force_login(self.clerk)
        cases = [
            (person_form(self.org["finance"], self.org["engineer"]), "position", "ตำแหน่งนี้อยู่ในหน่วยงานอื่น"),
            (person_form(self.org["works"], self.org["engineer"], photo=jpeg_upload()), "photo_alt", "คำอธิบายภาพ"),
            (
                person_form(self.org["works"], self.org["engineer"], term_start="2025-01-01", term_end="2024-01-01"),
                "term_end",
                "วันสิ้นสุดวาระต้องอยู่หลัง",
            ),
            (person_form(self.org["council"], self.org["member_position"]), "village", "ต้องระบุหมู่ที่"),
            (person_form(self.org["works"], self.org["engineer"], village="3"), "village", "เฉพาะสมาชิกสภา"),
            (
                person_form(self.org["works"], self.org["engineer"], photo=SimpleUploadedFile("x.jpg", b"<html>")),
                "photo",
                "",
            ),
        ]
        for data, field, message in cases:
            response = self.client.post(reverse("admin:staff_person_add"), data)
            assert response.status_code == 200, field
            errors = response.context["adminform"].form.errors
            assert field in errors and message in " ".join(errors[field]), (field, errors)
        assert not Person.objects.filter(first_name="ใหม่ใจดี").exists()


class TestPeopleOfTheExecutivesAndTheCouncilNeedAPosition(AdminTestCase):
    """The executives and council pages list people by their office; a person saved there without one
    would show on no page but the directory, so the admin asks for the position instead."""

    MESSAGE = "ต้องเลือกตำแหน่ง"

    def test_adding_her_without_a_position_is_refused_in_thai_and_nothing_is_saved(self):
        self.client.force_login(self.clerk)
        for unit in (self.org["executives"], self.org["council"]):
            response = self.client.post(reverse("admin:staff_person_add"), person_form(unit, unit, position=""))
            assert response.status_code == 200, unit
            errors = response.context["adminform"].form.errors
            assert self.MESSAGE in " ".join(errors["position"]) and unit.name in " ".join(errors["position"])
        assert not Person.objects.filter(first_name="ใหม่ใจดี").exists()

    def test_the_same_rule_holds_in_the_people_list_of_the_unit_page(self):
        self.client.force_login(self.clerk)
        url = reverse("admin:staff_unit_change", args=[self.org["executives"].pk])
        page = self.client.get(url)
        data = current_values(page.context["adminform"].form)
        for inline in page.context["inline_admin_formsets"]:
            data.update(current_values(inline.formset.management_form))
            for form in inline.formset.forms:
                data.update(current_values(form))
        index = int(data["people-TOTAL_FORMS"])
        data["people-TOTAL_FORMS"] = str(index + 1)
        data.update({f"people-{index}-first_name": "ไม่มีตำแหน่ง", f"people-{index}-order": "0"})
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert self.MESSAGE in response.content.decode()
        assert not Person.objects.filter(first_name="ไม่มีตำแหน่ง").exists()

    def test_with_a_position_she_shows_on_her_page_and_a_division_still_takes_staff_without_one(self):
        self.client.force_login(self.clerk)
        self.client.post(
            reverse("admin:staff_person_add"), person_form(self.org["executives"], self.org["deputy_position"])
        )
        assert "นางสาวใหม่ใจดี ทดลองเพิ่ม" in visible_text(self.client.get(PUBLIC_PAGES["executives"]))
        response = self.client.post(
            reverse("admin:staff_person_add"), person_form(self.org["works"], self.org["works"], position="")
        )
        assert response.status_code == 302
        assert Person.objects.filter(first_name="ใหม่ใจดี", unit=self.org["works"], position=None).exists()


class TestPeopleLeaveOfficeInsteadOfBeingDeleted(AdminTestCase):
    def test_a_clerk_has_no_delete_button_no_delete_action_and_no_delete_page(self):
        self.client.force_login(self.clerk)
        person = self.org["accountant_person"]
        change = self.client.get(reverse("admin:staff_person_change", args=[person.pk])).content.decode()
        assert reverse("admin:staff_person_delete", args=[person.pk]) not in change
        actions = self.client.get(reverse("admin:staff_person_changelist")).context["action_form"].fields["action"]
        choices = dict(actions.choices)
        assert "delete_selected" not in choices and "leave_office" in choices
        assert self.client.get(reverse("admin:staff_person_delete", args=[person.pk])).status_code == 403
        assert (
            self.client.post(reverse("admin:staff_person_delete", args=[person.pk]), {"post": "yes"}).status_code == 403
        )
        assert (
            self.client.post(
                reverse("admin:staff_unit_delete", args=[self.org["works"].pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert Person.objects.filter(pk=person.pk).exists() and Unit.objects.filter(pk=self.org["works"].pk).exists()

    def test_leaving_office_hides_her_everywhere_but_keeps_her_record(self):
        self.client.force_login(self.clerk)
        person = self.org["accountant_person"]
        response = self.client.post(
            reverse("admin:staff_person_changelist"),
            {"action": "leave_office", "_selected_action": [person.pk]},
            follow=True,
        )
        assert "บันทึกการพ้นตำแหน่ง 1 คน" in response.content.decode()
        person.refresh_from_db()
        assert not person.is_active and person.term_end is not None and person.updated_by == self.clerk
        for url in PUBLIC_PAGES.values():
            assert "บัญชีทดลอง" not in visible_text(self.client.get(url)), url
        # A mistake is undone with the opposite action; the term end she had stays on record.
        self.client.post(
            reverse("admin:staff_person_changelist"), {"action": "return_to_office", "_selected_action": [person.pk]}
        )
        person.refresh_from_db()
        assert person.is_active
        assert "บัญชีทดลอง" in visible_text(self.client.get(PUBLIC_PAGES["finance"]))

    def test_only_a_superuser_may_delete_a_record_made_by_mistake(self):
        self.client.force_login(self.superuser)
        person = self.org["accountant_person"]
        response = self.client.post(reverse("admin:staff_person_delete", args=[person.pk]), {"post": "yes"})
        assert response.status_code == 302
        assert not Person.objects.filter(pk=person.pk).exists()

    def test_a_unit_with_people_cannot_be_deleted_even_by_a_superuser(self):
        self.client.force_login(self.superuser)
        response = self.client.post(reverse("admin:staff_unit_delete", args=[self.org["works"].pk]), {"post": "yes"})
        assert response.status_code == 200  # Django lists the protected people instead of deleting
        assert Unit.objects.filter(pk=self.org["works"].pk).exists()


def current_values(form):
    """What the browser would send back for an unchanged form (booleans as checkboxes)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = value
    return data


class TestUnitPageWithItsPositionsAndPeopleInline(AdminTestCase):
    def test_a_clerk_adds_a_position_and_a_person_from_the_unit_page(self):
        self.client.force_login(self.clerk)
        url = reverse("admin:staff_unit_change", args=[self.org["works"].pk])
        page = self.client.get(url)
        data = current_values(page.context["adminform"].form)
        for inline in page.context["inline_admin_formsets"]:
            formset = inline.formset
            data.update(current_values(formset.management_form))
            for form in formset.forms:
                data.update(current_values(form))
        # The person inline offers only this unit's positions.
        people_formset = page.context["inline_admin_formsets"][1].formset
        offered = list(people_formset.forms[0].fields["position"].queryset.values_list("title", flat=True))
        assert offered == ["หัวหน้าส่วนโยธา", "วิศวกรโยธา"]

        data["people-TOTAL_FORMS"] = str(int(data["people-TOTAL_FORMS"]) + 1)
        index = int(data["people-TOTAL_FORMS"]) - 1
        data.update(
            {
                f"people-{index}-title": "นาย",
                f"people-{index}-first_name": "ช่างใหม่",
                f"people-{index}-last_name": "ทดลอง",
                f"people-{index}-position": self.org["engineer"].pk,
                f"people-{index}-order": "0",
                f"people-{index}-is_active": "on",
            }
        )
        response = self.client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        newcomer = Person.objects.get(first_name="ช่างใหม่")
        assert newcomer.unit == self.org["works"] and newcomer.position == self.org["engineer"]
        assert "นายช่างใหม่ ทดลอง วิศวกรโยธา" in visible_text(self.client.get(PUBLIC_PAGES["works"]))


class TestHiddenUnitPreview(AdminTestCase):
    def setUp(self):
        Unit.objects.filter(pk=self.org["works"].pk).update(is_active=False)

    def test_anonymous_and_staff_without_the_role_get_not_found(self):
        assert self.client.get(PUBLIC_PAGES["works"]).status_code == 404
        self.client.force_login(self.other_staff)
        assert self.client.get(PUBLIC_PAGES["works"]).status_code == 404

    def test_a_clerk_sees_it_with_a_banner_saying_it_is_hidden(self):
        self.client.force_login(self.clerk)
        response = self.client.get(PUBLIC_PAGES["works"])
        assert response.status_code == 200
        assert "หน่วยงานนี้ซ่อนอยู่" in response.content.decode()
        assert "หัวหน้าช่าง" in visible_text(response)
        # Her people stay hidden from the public pages even while she previews.
        assert "หัวหน้าช่าง" not in visible_text(self.client.get(PUBLIC_PAGES["directory"]))
