"""Security headers a visitor's browser receives: strict CSP on the public site, a scoped relaxed
one in the admin, HSTS, nosniff, referrer and permissions policies, secure cookies, security.txt."""

import pytest
from django.test import override_settings


def csp_directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_public_pages_get_a_csp_without_unsafe_inline(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_search_and_not_found_pages_get_the_strict_csp(client, home_page):
    for address in ("/zoeken/?q=intervisie", "/en/search/", "/bestaat-niet/"):
        response = client.get(address)
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"], address


def test_admin_gets_its_own_relaxed_policy(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]  # page previews are framed by the admin


def test_every_response_has_nosniff_referrer_and_permissions_policy(client, home_page):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_https_responses_carry_hsts_and_upgrade_insecure_requests(client, home_page):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "upgrade-insecure-requests" in response.headers["Content-Security-Policy"]


@override_settings(
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_login_cookies_are_secure_and_http_only(client, django_user_model, home_page):
    django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "geheim-wachtwoord")
    login = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
    assert login.cookies["csrftoken"]["secure"]
    response = client.post(
        "/admin/login/",
        {"username": "beheer", "password": "geheim-wachtwoord"},
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


@override_settings(
    SECURITY_TXT_CONTACTS=["mailto:security@example.nl", "https://example.nl/melden"],
    SECURITY_TXT_POLICY="https://example.nl/responsible-disclosure",
)
def test_security_txt_names_contacts_expiry_and_canonical_address(client, settings):
    from datetime import UTC, datetime

    settings.SECURITY_TXT_EXPIRES = datetime(2027, 6, 1, tzinfo=UTC)
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@example.nl" in lines
    assert "Contact: https://example.nl/melden" in lines
    assert "Expires: 2027-06-01T00:00:00Z" in lines
    assert "Canonical: http://testserver/.well-known/security.txt" in lines
    assert "Policy: https://example.nl/responsible-disclosure" in lines


@pytest.mark.django_db
@override_settings(SECURITY_TXT_CONTACTS=[])
def test_security_txt_is_absent_until_a_contact_is_configured(client):
    assert client.get("/.well-known/security.txt").status_code == 404
