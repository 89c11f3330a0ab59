from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.submissions.actions import TOKEN_SCOPES
from lantern.submissions.models import Submission
from lantern.submissions.records import RECORDS

MAX_UPLOAD_MB = 500


class UploadForm(forms.Form):
    entity = forms.ChoiceField(label=_("What the file holds"),
                               choices=[(name, name) for name in RECORDS])
    mode = forms.ChoiceField(
        label=_("If some rows are not valid"), widget=forms.RadioSelect,
        initial=Submission.Mode.STORE_VALID,
        choices=[(Submission.Mode.STORE_VALID,
                  _("Store the valid rows; keep the others for correction")),
                 (Submission.Mode.ALL_OR_NOTHING, _("Store nothing unless every row is valid"))])
    file = forms.FileField(label=_("File (CSV, XLSX or JSON Lines)"),
                           help_text=_("UTF-8 or Windows-1252; any common delimiter."))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB; send it with "
                                          "lantern import or in parts.") % {"mb": MAX_UPLOAD_MB})
        return upload


class MappingForm(forms.Form):
    columns = forms.CharField(
        label=_("Your column names"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: your column = standard field, e.g. Gender = sex"))
    codes = forms.CharField(
        label=_("Your codes"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One per line: field: your code = standard code, e.g. sex: F = female"))


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name (what uses this token)"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"), widget=forms.CheckboxSelectMultiple,
        choices=[(TOKEN_SCOPES[0], _("Submit records")),
                 (TOKEN_SCOPES[1], _("Read the organization's cases"))])
