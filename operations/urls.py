"""Routes for the load balancer and security researchers; mounted outside i18n_patterns."""

from django.urls import path

from . import views

urlpatterns = [
    path("healthz", views.liveness, name="healthz"),
    path("readyz", views.readiness, name="readyz"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
]
