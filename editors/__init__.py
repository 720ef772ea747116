"""The admin as editors meet it: the login page, workflow messages and dates in Dutch, no external
requests from the admin, and corrections of Wagtail's Dutch catalogue."""
