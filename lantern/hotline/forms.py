from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.standard.fields import coded, coded_many, vocabulary_choices


class ContactForm(forms.Form):
    started_at = forms.DateTimeField(
        label=_("Started at"), initial=lambda: timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    channel = coded("contact_channel", _("Channel"))
    caller_type = coded("caller_type", _("Who is contacting"))
    contact_type = coded("contact_type", _("Type of contact"))
    language = coded("language", _("Language of the contact"))
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)
    city = forms.CharField(label=_("City or community of the situation"), required=False,
                           max_length=100)
    province = coded("province", _("Province or territory"), required=False, blank="—")
    caller_phone = forms.CharField(
        label=_("Caller's phone number"), required=False, max_length=40,
        help_text=_("Encrypted. Used only to find earlier contacts from the same number."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("Encrypted. Write what the work needs, no more."))


class ScreeningForm(forms.Form):
    palermo_acts = coded_many("palermo_act", _("Act: what was done to the person"))
    palermo_means = coded_many("palermo_means", _("Means: how"))
    palermo_purposes = coded_many("palermo_purpose", _("Purpose: to what end"))
    ilo_indicators = coded_many("ilo_indicator", _("ILO indicators of forced labour"))
    sex_indicators = coded_many("sex_trafficking_indicator", _("Sex-trafficking indicators"))
    minor_involved = forms.ChoiceField(label=_("Is a minor (under 18) involved?"),
                                       choices=vocabulary_choices("minor_involved"),
                                       widget=forms.RadioSelect, initial="unknown")
    imminent_danger = forms.BooleanField(label=_("Someone is in imminent danger"),
                                         required=False)
    confirmed = coded("screening_classification", _("Your classification"), required=False,
                     blank="—")


class LinkCaseForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=20)


class TipForm(forms.Form):
    what = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=10000,
                           help_text=_("Describe what you saw or heard. Do not put yourself "
                                       "at risk to find out more."))
    city = forms.CharField(label=_("Where? City or town"), required=False, max_length=100)
    province = coded("province", _("Province or territory"), required=False, blank="—")
    when_text = forms.CharField(label=_("When?"), required=False, max_length=200,
                                help_text=_("A date, or words like “last week”."))
    who_at_risk = forms.CharField(label=_("Who may be at risk?"), required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    contact = forms.CharField(
        label=_("How can we reach you? (optional)"), required=False, max_length=300,
        help_text=_("Leave empty to stay anonymous. You can still follow up with your code."))
    preferred_language = coded("language", _("Preferred language"), required=False, blank="—")
    consents = forms.MultipleChoiceField(label=_("I agree that"), required=False,
                                         choices=vocabulary_choices("tip_consent"),
                                         widget=forms.CheckboxSelectMultiple)
    # Honeypot: hidden from people, filled by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class FollowUpForm(forms.Form):
    code = forms.CharField(label=_("Your follow-up code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))


class AddInformationForm(FollowUpForm):
    more = forms.CharField(label=_("Add information"), max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 5}))


class TipReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply to the reporter"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("The reporter reads this with their follow-up code."))


class TipStatusForm(forms.Form):
    status = coded("tip_status", _("Status"))
