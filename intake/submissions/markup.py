"""Bootstrap 5 markup for the wizard's fields, written in Python (issue 9: step pages were slow).

The markup is what crispy-forms' bootstrap5 pack writes (a label, or a fieldset and legend for
radio and checkbox groups; the required asterisk; ``is-invalid`` with ``aria-invalid``;
``aria-describedby`` naming the help text and the error block; the error block where Bootstrap
shows it), but built with string formatting instead of five nested templates per field: the
13-field symptoms step renders in a fraction of a millisecond instead of ~5 ms. Widgets not
handled here (a file input with a current file, anything unusual) fall back to crispy.

Templates: ``{{ form.as_bootstrap }}`` for a whole form, ``{{ form.bootstrap.<name> }}`` for one
field (forms that mix in ``BootstrapMarkup``).
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.widgets import Input
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

ASTERISK = '<span class="asteriskField">*</span>'


def _attrs(attrs: dict) -> str:
    """HTML attributes as Django's attrs.html writes them: True bare, False and None left out."""
    out = []
    for name, value in attrs.items():
        if value is True:
            out.append(f" {name}")
        elif value is not False and value is not None:
            out.append(f' {name}="{conditional_escape(value)}"')
    return "".join(out)


def _errors(bf: BoundField) -> str:
    errors = bf.errors
    if not errors:
        return ""
    items = "".join(
        f'<p id="error_{i}_{bf.auto_id}"><strong>{conditional_escape(error)}</strong></p>'
        for i, error in enumerate(errors, start=1)
    )
    return f'<div id="{bf.auto_id}_error" class="invalid-feedback">{items}</div>'


def _help(bf: BoundField) -> str:
    if not bf.help_text:
        return ""
    return f'<div id="{bf.auto_id}_helptext" class="form-text">{conditional_escape(bf.help_text)}</div>'


def _label_text(bf: BoundField) -> str:
    return f"{conditional_escape(bf.label)}{ASTERISK if bf.field.required else ''}"


def _widget_attrs(bf: BoundField, css: str) -> dict:
    widget = bf.field.widget
    attrs = dict(widget.attrs)
    own = type(widget).__name__.lower()
    classes = attrs.get("class", "")
    if own not in classes:
        classes = f"{classes} {own}".strip()
    attrs["class"] = f"{classes} {css}{' is-invalid' if bf.errors else ''}"
    attrs.update(bf.build_widget_attrs({}))  # required, disabled, aria-invalid, aria-describedby
    attrs["id"] = bf.auto_id
    return attrs


def _control(bf: BoundField) -> str | None:
    """The input, textarea or select; None for a widget this module does not write."""
    widget = bf.field.widget
    value = bf.value()
    name = bf.html_name
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        chosen = widget.format_value(value)
        options, selected_one = [], False
        for option_value, label in widget.choices:
            if isinstance(label, list | tuple):  # option groups: not used by the wizard
                return None
            text = "" if option_value is None else str(option_value)
            selected = not selected_one and text in chosen
            selected_one = selected_one or selected
            options.append(
                f'<option value="{conditional_escape(text)}"{" selected" if selected else ""}>'
                f"{conditional_escape(label)}</option>"
            )
        attrs = _attrs(_widget_attrs(bf, "form-select"))
        return f'<select name="{name}"{attrs}>\n' + "\n".join(options) + "\n</select>"
    if isinstance(widget, forms.Textarea):
        text = widget.format_value(value)
        attrs = _attrs(_widget_attrs(bf, "form-control"))
        return f'<textarea name="{name}"{attrs}>\n{conditional_escape(text) if text else ""}</textarea>'
    if isinstance(widget, forms.FileInput):
        if value:  # a current file to show or clear: crispy's layout
            return None
        attrs = _widget_attrs(bf, "form-control")
        attrs["class"] = "form-control" + (" is-invalid" if bf.errors else "")
        return f'<input type="file" name="{name}"{_attrs(attrs)}>'
    if isinstance(widget, Input) and widget.input_type != "file":
        text = widget.format_value(value)
        shown = "" if text is None else f' value="{conditional_escape(text)}"'
        attrs = _attrs(_widget_attrs(bf, "form-control"))
        return f'<input type="{widget.input_type}" name="{name}"{shown}{attrs}>'
    return None


def _choice_group(bf: BoundField) -> str:
    """Radio buttons or checkboxes in a fieldset whose legend is the question."""
    widget = bf.field.widget
    chosen = set(widget.format_value(bf.value()))
    invalid = " is-invalid" if bf.errors else ""
    shared = {k: v for k, v in widget.attrs.items() if k != "class"}
    shared.update(bf.build_widget_attrs({}))
    choices = list(widget.choices)
    rows = []
    for index, (option_value, label) in enumerate(choices):
        text = "" if option_value is None else str(option_value)
        option_id = f"{bf.auto_id}_{index}"
        checked = " checked" if text in chosen else ""
        errors = _errors(bf) if index == len(choices) - 1 else ""
        rows.append(
            f'<div class="form-check"><input type="{widget.input_type}" '
            f'class="form-check-input{invalid}" name="{bf.html_name}" '
            f'value="{conditional_escape(text)}"{_attrs(shared)} id="{option_id}"{checked}>'
            f'<label for="{option_id}" class="form-check-label">{conditional_escape(label)}</label>'
            f"{errors}</div>"
        )
    described = bf.aria_describedby
    legend_class = "form-label" + (" requiredField" if bf.field.required else "") + " fs-6"
    return (
        f'<div id="div_{bf.auto_id}" class="mb-3">'
        f"<fieldset{_attrs({'aria-describedby': described or None})}>"
        f'<legend class="{legend_class}">{_label_text(bf)}</legend>'
        f"<div>{''.join(rows)}</div>{_help(bf)}</fieldset></div>"
    )


def _checkbox(bf: BoundField) -> str:
    widget = bf.field.widget
    value = bf.value()
    attrs = dict(widget.attrs)
    attrs["class"] = "checkboxinput form-check-input" + (" is-invalid" if bf.errors else "")
    attrs.update(bf.build_widget_attrs({}))
    attrs["id"] = bf.auto_id
    shown = widget.format_value(value)
    if shown is not None:
        attrs = {"value": shown, **attrs}
    if widget.check_test(value):
        attrs["checked"] = True
    required = " requiredField" if bf.field.required else ""
    return (
        f'<div class="mb-3"><div id="div_{bf.auto_id}" class="form-check">'
        f'<input type="checkbox" name="{bf.html_name}"{_attrs(attrs)}>'
        f'<label for="{bf.auto_id}" class="form-check-label{required}">{_label_text(bf)}</label>'
        f"{_errors(bf)}{_help(bf)}</div></div>"
    )


def field_markup(bf: BoundField) -> SafeString:
    """One field with its label, help text and errors."""
    widget = bf.field.widget
    if widget.is_hidden:
        return SafeString(str(bf))
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
        return SafeString(_choice_group(bf))
    if isinstance(widget, forms.CheckboxInput):
        return SafeString(_checkbox(bf))
    control = _control(bf)
    if control is None:
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(bf)
    label = ""
    if bf.label:
        required = " requiredField" if bf.field.required else ""
        label = (
            f'<label for="{bf.id_for_label}" class="form-label{required}">{_label_text(bf)}</label>'
        )
    if isinstance(widget, forms.FileInput):
        invalid = ' class="is-invalid"' if bf.errors else ""
        control = f"<div{invalid}>{control}{_errors(bf)}{_help(bf)}</div>"
        return SafeString(f'<div id="div_{bf.auto_id}" class="mb-3">{label}{control}</div>')
    return SafeString(
        f'<div id="div_{bf.auto_id}" class="mb-3">{label}{control}{_errors(bf)}{_help(bf)}</div>'
    )


def form_html(form: forms.BaseForm) -> SafeString:
    """The whole form, fields in order, its non-field errors first (as ``{{ form|crispy }}``)."""
    parts = []
    if form.non_field_errors():
        items = "".join(f"<li>{conditional_escape(e)}</li>" for e in form.non_field_errors())
        parts.append(
            f'<div class="alert alert-block alert-danger"><ul class="m-0">{items}</ul></div>'
        )
    parts.extend(field_markup(bf) for bf in form)
    return SafeString("".join(parts))


class _Fields:
    def __init__(self, form: forms.BaseForm) -> None:
        self.form = form

    def __getitem__(self, name: str) -> SafeString:
        return field_markup(self.form[name])


class BootstrapMarkup:
    """Form mixin: ``{{ form.as_bootstrap }}`` and ``{{ form.bootstrap.<field> }}``."""

    def as_bootstrap(self) -> SafeString:
        return form_html(self)

    @cached_property
    def bootstrap(self) -> _Fields:
        return _Fields(self)
