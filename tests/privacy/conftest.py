from tests.contributions.conftest import (  # noqa: F401 -- the contribution form's site, reused
    fresh_rate_limits,
    module_site,
    site_with_form,
    valid_data,
)
