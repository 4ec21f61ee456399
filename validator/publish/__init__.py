"""Publishing a Report as Great Expectations data docs (see docs/data-docs.md).

Importing this package does not import great_expectations (about 1.5 s): only build_site does,
when it runs.
"""

from validator.publish.errors import PublishError
from validator.publish.site import SiteResult, build_site

__all__ = ["PublishError", "SiteResult", "build_site"]
