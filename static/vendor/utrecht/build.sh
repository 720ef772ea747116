#!/bin/sh
# Rebuilds utrecht-components.css from the npm packages listed in README.md (needs npm).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cd "$work"
packages="@utrecht/alert-css@3.0.1 @utrecht/alternate-lang-nav-css@2.0.1 @utrecht/article-css@2.0.1 @utrecht/badge-list-css@3.0.1 @utrecht/blockquote-css@2.0.1 @utrecht/body-css@3.0.0 @utrecht/breadcrumb-nav-css@2.1.0 @utrecht/button-css@3.1.0 @utrecht/button-link-css@2.0.1 @utrecht/checkbox-css@2.0.1 @utrecht/column-layout-css@2.0.1 @utrecht/data-badge-css@2.0.1 @utrecht/data-list-css@2.0.1 @utrecht/document-css@2.0.1 @utrecht/figure-css@2.0.1 @utrecht/form-field-css@2.0.1 @utrecht/form-field-description-css@2.0.1 @utrecht/form-fieldset-css@2.0.1 @utrecht/form-label-css@2.0.1 @utrecht/heading-1-css@2.0.1 @utrecht/heading-2-css@2.0.1 @utrecht/heading-3-css@2.0.1 @utrecht/heading-4-css@2.0.1 @utrecht/img-css@2.0.1 @utrecht/link-css@2.0.1 @utrecht/link-list-css@3.0.1 @utrecht/mark-css@2.0.1 @utrecht/ordered-list-css@3.0.1 @utrecht/page-body-css@1.0.1 @utrecht/page-footer-css@3.0.1 @utrecht/page-header-css@2.0.1 @utrecht/pagination-css@2.0.3 @utrecht/paragraph-css@3.0.1 @utrecht/root-css@3.1.0 @utrecht/select-css@2.0.1 @utrecht/separator-css@2.0.1 @utrecht/skip-link-css@2.0.1 @utrecht/surface-css@2.0.1 @utrecht/table-css@2.0.2 @utrecht/textbox-css@3.1.0 @utrecht/unordered-list-css@2.0.1"
: > "$here/utrecht-components.css"
for spec in $packages; do
    tarball=$(npm pack --silent "$spec")
    mkdir -p x && tar xzf "$tarball" -C x
    printf '/* ==== %s (dist/index.css) ==== */\n' "$spec" >> "$here/utrecht-components.css"
    cat x/package/dist/index.css >> "$here/utrecht-components.css"
    printf '\n' >> "$here/utrecht-components.css"
    cp x/package/LICENSE.md "$here/LICENSE.md"
    rm -rf x "$tarball"
done
rm -rf "$work"
