"""Small builders for the organisation tests: a minimal SAO with one unit of each kind."""

from staff.models import Person, Position, Unit

Role = Position.Role


def unit(slug, name=None, *, side=Unit.Side.PERMANENT, kind=Unit.Kind.DIVISION, parent=None, order=0, **extra):
    return Unit.objects.create(slug=slug, name=name or slug, side=side, kind=kind, parent=parent, order=order, **extra)


def position(unit, title, *, role=Role.MEMBER, rank=10, seats=1):
    return Position.objects.create(unit=unit, title=title, role=role, rank=rank, seats=seats)


def person(position, first_name, last_name="ทดสอบ", *, title="นาย", **extra):
    return Person.objects.create(
        position=position, unit=position.unit, first_name=first_name, last_name=last_name, title=title, **extra
    )


def small_organisation():
    """นายก, a council with a member for หมู่ 1, a ปลัด with one division (finance) and another (works)."""
    org = {}
    org["executives"] = unit("executives", "คณะผู้บริหาร", side=Unit.Side.POLITICAL, kind=Unit.Kind.EXECUTIVE, order=1)
    org["council"] = unit("council", "สภา อบต.", side=Unit.Side.POLITICAL, kind=Unit.Kind.COUNCIL, order=2)
    org["secretary"] = unit("permanent-secretary", "ปลัด อบต.", kind=Unit.Kind.OTHER, order=3)
    org["finance"] = unit("finance", "ส่วนการคลัง", parent=org["secretary"], order=4)
    org["works"] = unit("public-works", "ส่วนโยธา", parent=org["secretary"], order=5)
    org["mayor_position"] = position(org["executives"], "นายก อบต.", role=Role.HEAD, rank=1)
    org["deputy_position"] = position(org["executives"], "รองนายก อบต.", role=Role.DEPUTY, rank=2, seats=2)
    org["speaker_position"] = position(org["council"], "ประธานสภา", role=Role.HEAD, rank=1)
    org["member_position"] = position(org["council"], "สมาชิกสภา", rank=4, seats=16)
    org["finance_head"] = position(org["finance"], "หัวหน้าส่วนการคลัง", role=Role.HEAD, rank=1)
    org["accountant"] = position(org["finance"], "นักวิชาการเงินและบัญชี", rank=2, seats=3)
    org["works_head"] = position(org["works"], "หัวหน้าส่วนโยธา", role=Role.HEAD, rank=1)
    org["engineer"] = position(org["works"], "วิศวกรโยธา", rank=2)
    org["mayor"] = person(org["mayor_position"], "นายกทดลอง", greeting="สวัสดีพี่น้องชาวตำบล")
    org["deputy"] = person(org["deputy_position"], "รองหนึ่ง")
    org["speaker"] = person(org["speaker_position"], "ประธานทดลอง")
    org["member"] = person(org["member_position"], "สมาชิกหมู่หนึ่ง", village=1)
    org["finance_chief"] = person(org["finance_head"], "หัวหน้าคลัง", title="นาง")
    org["accountant_person"] = person(org["accountant"], "บัญชีทดลอง", title="นางสาว")
    org["works_chief"] = person(org["works_head"], "หัวหน้าช่าง")
    return org
