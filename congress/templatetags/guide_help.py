"""{% guide_help_url %}: where the header's 帮助 leads (congress.guide.help)."""

from django import template

from congress.guide.help import help_url

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_help_url(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    return help_url(user=request.user, view_name=match.view_name if match else "")
