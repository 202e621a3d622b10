"""Step 2 of the intake wizard: where the client feels something, and what and how strongly.

The step's template (``submissions/steps/body.html``) writes this form's inputs in its own loops,
from the plain values ``rows()`` gives it: part by part of the body, its map drawn large, its
regions and each region's sensation boxes and strength, with their labels, legends and errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from intake import body_map
from intake.submissions.forms import score_field


def _feel_label(area: Promise) -> str:
    return gettext("What you feel: %(area)s") % {"area": area}


def _strength_label(area: Promise) -> str:
    return gettext("How strong, 0 to 10: %(area)s") % {"area": area}


# Built once at import, read in each reader's language.
feel_label = lazy(_feel_label, str)
strength_label = lazy(_strength_label, str)


def _region_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for region in body_map.REGIONS:
        fields[f"sens_{region.code}"] = forms.MultipleChoiceField(
            label=feel_label(region.name),
            choices=body_map.SENSATIONS.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        fields[f"int_{region.code}"] = score_field(strength_label(region.name), required=False)
    return fields


def chosen_text(count: int) -> str:
    """A part's count of areas chosen, as its heading shows it ("(2 chosen)"; none: nothing)."""
    if not count:
        return ""
    return ngettext("(%(count)s chosen)", "(%(count)s chosen)", count) % {"count": count}


#: The 96 per-region fields, built once and shared by every BodyMapForm: copying them for each
#: form (as Django does with declared fields) cost ~5 ms a page. Nothing changes a field after
#: it is built here (issue 9).
REGION_FIELDS = _region_fields()


class BodyMapForm(forms.Form):
    """Chosen regions, and for each chosen region what the client feels there and how strongly.

    Field names: ``regions`` (the codes), ``sens_<code>`` (sensations), ``int_<code>`` (0-10).
    """

    regions = forms.MultipleChoiceField(
        label=_("Areas where you feel something"),
        choices=body_map.region_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("%(value)s is not an area on the body map.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(REGION_FIELDS)

    @classmethod
    def initial_from(cls, marks) -> dict:
        initial: dict = {"regions": [m.region for m in marks]}
        for mark in marks:
            initial[f"sens_{mark.region}"] = list(mark.sensations)
            initial[f"int_{mark.region}"] = mark.intensity
        return initial

    def clean(self) -> dict:
        cleaned = super().clean()
        for code in cleaned.get("regions", []):
            if not cleaned.get(f"sens_{code}") and f"sens_{code}" not in self.errors:
                self.add_error(
                    f"sens_{code}",
                    ValidationError(
                        gettext("Choose at least one thing you feel here."), code="required"
                    ),
                )
            if cleaned.get(f"int_{code}") is None and f"int_{code}" not in self.errors:
                self.add_error(
                    f"int_{code}",
                    ValidationError(gettext("Give a number from 0 to 10."), code="required"),
                )
        return cleaned

    def marks(self) -> list[dict]:
        """The valid marks: ``[{"region", "sensations", "intensity"}, ...]``."""
        return [
            {
                "region": code,
                "sensations": self.cleaned_data[f"sens_{code}"],
                "intensity": self.cleaned_data[f"int_{code}"],
            }
            for code in self.cleaned_data["regions"]
        ]

    def rows(self) -> list[tuple[dict, list[dict]]]:
        """The parts of the body (``body_map.ZOOMS``, top to bottom): ``(part, rows)``, the part
        with its map drawn large, then the rows of its regions in the map's own order, as plain values for the
        step's template, which writes the inputs itself, in loops (a widget template for each
        of the 48 x 6 sensation boxes would cost ~10 ms a page). A part is ``open`` when one of
        its regions is chosen (its questions, and any error on them, are then in view)."""
        chosen = set(self._value("regions") or [])
        errors = self.errors if self.is_bound else {}
        parts = []
        for zoom in body_map.ZOOMS:
            items = []
            for code in zoom.codes:
                felt = {str(v) for v in self._value(f"sens_{code}") or []}
                intensity = self._value(f"int_{code}")
                items.append(
                    {
                        "code": code,
                        "label": body_map.REGION_BY_CODE[code].label,
                        "checked": code in chosen,
                        "felt": felt,
                        "sensation_errors": errors.get(f"sens_{code}", []),
                        "intensity": "" if intensity in (None, "") else str(intensity),
                        "intensity_errors": errors.get(f"int_{code}", []),
                    }
                )
            marks = {item["code"]: item["felt"] for item in items if item["checked"]}
            part = {
                "key": zoom.key,
                "label": zoom.label,
                "chosen": len(marks),
                "count": chosen_text(len(marks)),
                "open": bool(marks),
                "map": body_map.zoom_svg(zoom, marks, id_prefix=f"part-{zoom.key}-map"),
            }
            parts.append((part, items))
        return parts

    @staticmethod
    def count_texts() -> list[str]:
        """What a part's heading says for 0, 1, 2... areas chosen, for ``body_map.js`` (the
        step's ``#body-map-counts``): the language's plural forms, worked out here."""
        most = max(len(zoom.codes) for zoom in body_map.ZOOMS)
        return [chosen_text(count) for count in range(most + 1)]

    def _value(self, name: str):
        if self.is_bound:
            return self.fields[name].widget.value_from_datadict(self.data, self.files, name)
        return self.get_initial_for_field(self.fields[name], name)

    def chosen(self) -> dict[str, str]:
        return dict.fromkeys(self._value("regions") or [], "symptom")
