"""Error pages that keep the site's look and never show a stack trace; the site icon's old address."""

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static


def page_not_found(request, exception=None):
    return render(request, "404.html", {"not_found": True}, status=404)


def server_error(request):
    # Rendered without a request context: the failure may lie in whatever a context processor uses.
    return HttpResponseServerError(loader.get_template("500.html").render())


def favicon(request):
    """Browsers, feed readers and bookmarks ask for /favicon.ico whatever a page declares."""
    return redirect(static("img/favicon.svg"), permanent=True)
